using Crm.Core.Access;
using Crm.Core.Dictionaries;
using Crm.Core.Entries;
using Crm.Core.Errors;
using Crm.Core.Endpoint;
using Crm.Core.Schema;
using Crm.Core.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Commands;

/// <summary>Every command by name, case-insensitively (docs/api.md), built from the feature lists.</summary>
public sealed class CommandCatalog
{
    /// <summary>Every command, feature by feature, in the README's order.</summary>
    public static IReadOnlyList<CrmCommand> All { get; } =
        [.. EntryCommands.All, .. DictionaryCommands.All, .. AccessCommands.All, .. SyncCommands.All, .. SchemaCommands.All];

    private static readonly Dictionary<string, string> ActOnJira = new(StringComparer.OrdinalIgnoreCase)
    {
        ["setcrmproperties"] = "sets a custom field on a Jira issue",
        ["getContactEmail"] = "reads a field of a Jira issue",
    };

    private readonly Dictionary<string, CrmCommand> _commands = All.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Fails at the first resolve, not at the first call, when a feature forgot to register a handler.</summary>
    public CommandCatalog(IServiceProviderIsService registered)
    {
        var missing = All.Where(c => !registered.IsService(c.Handler)).Select(c => $"{c.Name} ({c.Handler.Name})").ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"These commands have no registered handler: {string.Join(", ", missing)}.");
        }
    }

    public IEnumerable<string> Names => _commands.Keys.Order(StringComparer.OrdinalIgnoreCase);

    public CrmCommand Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CrmException(ErrorCode.UnknownCommand, "The parameter 'command' is missing.");
        }
        if (name.Trim().Length > RequestLimits.MaxCommandNameLength)
        {
            throw new CrmException(ErrorCode.UnknownCommand,
                $"'{RequestLimits.Echo(name.Trim())}' is not a command (a command name is at most {RequestLimits.MaxCommandNameLength} characters).");
        }
        if (_commands.TryGetValue(name.Trim(), out var command))
        {
            return command;
        }
        if (ActOnJira.TryGetValue(name.Trim(), out var what))
        {
            throw new CrmException(ErrorCode.UnknownCommand,
                $"'{name}' {what}: it acts on Jira itself and is not part of this API. Call Jira's REST API for it.");
        }
        throw new CrmException(ErrorCode.UnknownCommand, $"'{name}' is not a command." + Values.CloseMatches.Describe(name, _commands.Keys));
    }
}
