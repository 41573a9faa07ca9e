using System.Text.RegularExpressions;

namespace Crm.Storage.Configuration;

/// <summary>Where the CRM's Azure tables live. Section <c>Crm:Storage</c>; checked when the host starts (<see cref="Problems"/>).</summary>
public sealed partial class TableStorageOptions
{
    public const string SectionName = "Crm:Storage";

    public const string NoStorageMessage =
        "Neither Crm:Storage:ConnectionString (a storage connection string, e.g. Azurite's) nor Crm:Storage:TableEndpoint (the table service URI, used with the managed identity) is set; set one of them.";

    /// <summary>A storage connection string (Azurite locally, with its TableEndpoint and QueueEndpoint). Takes precedence over the endpoints.</summary>
    [LocalOnlySetting]
    public string? ConnectionString { get; set; }

    /// <summary>The table service URI, used with the managed identity in Azure (no shared key).</summary>
    public string? TableEndpoint { get; set; }

    /// <summary>The queue service URI of the same account (the synchronization's run queue), used with the managed identity in Azure.</summary>
    public string? QueueEndpoint { get; set; }

    /// <summary>Prepended to every Azure table name; lets tests and tenants share one account.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>What is wrong with these settings, one sentence each naming the setting; empty when they can work.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(TableEndpoint))
        {
            yield return NoStorageMessage;
        }
        if (string.IsNullOrWhiteSpace(ConnectionString) && !string.IsNullOrWhiteSpace(TableEndpoint) && !Uri.TryCreate(TableEndpoint, UriKind.Absolute, out _))
        {
            yield return $"Crm:Storage:TableEndpoint '{TableEndpoint}' is not an absolute URI such as https://<account>.table.core.windows.net/.";
        }
        if (!PrefixPattern().IsMatch(TablePrefix))
        {
            yield return $"Crm:Storage:TablePrefix '{TablePrefix}' may hold only letters and digits (it starts Azure table names).";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]*$")]
    private static partial Regex PrefixPattern();
}
