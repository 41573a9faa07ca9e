namespace Crm.Core.Commands;

/// <summary>One command of spec §5.</summary>
public interface ICrmCommand
{
    /// <summary>The name as callers send it; matched case-insensitively.</summary>
    string Name { get; }

    /// <summary>The right checked before <see cref="ExecuteAsync"/> touches any data.</summary>
    string RequiredRight(CommandContext context);

    /// <summary>False for commands that only read; an <c>Idempotency-Key</c> applies to the others.</summary>
    bool Writes => true;

    Task<CommandResult> ExecuteAsync(CommandContext context);
}
