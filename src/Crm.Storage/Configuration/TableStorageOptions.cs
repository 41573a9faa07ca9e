namespace Crm.Storage.Configuration;

/// <summary>Where the CRM's Azure tables live. Section <c>Crm:Storage</c>.</summary>
public sealed class TableStorageOptions
{
    public const string SectionName = "Crm:Storage";

    /// <summary>A storage connection string (Azurite locally, with its TableEndpoint and QueueEndpoint). Takes precedence over the endpoints.</summary>
    [LocalOnlySetting]
    public string? ConnectionString { get; set; }

    /// <summary>The table service URI, used with the managed identity in Azure (no shared key).</summary>
    public string? TableEndpoint { get; set; }

    /// <summary>The queue service URI of the same account (the synchronization's run queue), used with the managed identity in Azure.</summary>
    public string? QueueEndpoint { get; set; }

    /// <summary>Prepended to every Azure table name; lets tests and tenants share one account.</summary>
    public string TablePrefix { get; set; } = "";
}
