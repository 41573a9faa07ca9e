using Crm.Core.Errors;
using Crm.Core.Requests;

namespace Crm.Core.Commands;

/// <summary>Every command by name, case-insensitively (spec §1).</summary>
public sealed class CommandCatalog
{
    private static readonly Dictionary<string, string> ActOnJira = new(StringComparer.OrdinalIgnoreCase)
    {
        ["setcrmproperties"] = "sets a custom field on a Jira issue",
        ["getContactEmail"] = "reads a field of a Jira issue",
    };

    private readonly Dictionary<string, ICrmCommand> _commands;

    public CommandCatalog(IEnumerable<ICrmCommand> commands)
    {
        _commands = new Dictionary<string, ICrmCommand>(StringComparer.OrdinalIgnoreCase);
        foreach (var command in commands)
        {
            _commands.Add(command.Name, command);
        }
    }

    public IEnumerable<string> Names => _commands.Keys.Order(StringComparer.OrdinalIgnoreCase);

    public ICrmCommand Resolve(string? name)
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
