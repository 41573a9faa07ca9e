namespace Crm.Core.Commands;

/// <summary>
/// One command of the API: the name callers send (matched case-insensitively), the right checked before it
/// touches any data, its description (<see cref="CommandDoc"/>, required: a command cannot exist undescribed)
/// and the handler that runs it. Each feature lists its commands in one file
/// (<c>Entries/EntryCommands.cs</c>, …); <see cref="CommandCatalog"/> is built from those lists.
/// </summary>
public sealed class CrmCommand
{
    private readonly Func<CommandContext, string> _right;
    private readonly Func<object, CommandContext, Task<CommandResult>> _run;

    private CrmCommand(string name, Type handler, Func<CommandContext, string> right, string? fixedRight, CommandDoc doc,
        Func<object, CommandContext, Task<CommandResult>> run)
    {
        ArgumentNullException.ThrowIfNull(doc);
        if (doc.Problem(name, fixedRight is not null) is { } problem)
        {
            throw new ArgumentException($"The command {problem} Describe it in its feature's command list.", nameof(doc));
        }
        Name = name;
        Handler = handler;
        Doc = doc;
        RightDescription = doc.Right ?? fixedRight!;
        _right = right;
        _run = run;
    }

    public string Name { get; }

    public CommandDoc Doc { get; }

    /// <summary>The right the command needs, in words when it depends on the parameters.</summary>
    public string RightDescription { get; }

    /// <summary>The feature the command belongs to: its handler's folder (<c>Entries</c>, <c>Schema</c>, …).</summary>
    public string Feature => Handler.Namespace?.Split('.')[^1] ?? "Commands";

    /// <summary>The singleton service that does the work; the feature's registration adds it.</summary>
    public Type Handler { get; }

    /// <summary>A command whose right is fixed.</summary>
    public static CrmCommand Of<THandler>(string name, string right, CommandDoc doc, Func<THandler, CommandContext, Task<CommandResult>> run)
        where THandler : class =>
        new(name, typeof(THandler), _ => right, right, doc, (handler, context) => run((THandler)handler, context));

    /// <summary>A command whose right depends on its parameters (e.g. <c>updateOrCreateEntity</c>: add or edit of <c>tableName</c>).</summary>
    public static CrmCommand Of<THandler>(string name, Func<CommandContext, string> right, CommandDoc doc, Func<THandler, CommandContext, Task<CommandResult>> run)
        where THandler : class =>
        new(name, typeof(THandler), right, fixedRight: null, doc, (handler, context) => run((THandler)handler, context));

    public string RequiredRight(CommandContext context) => _right(context);

    /// <summary>False for commands that only read (their handler is <see cref="IReadOnlyHandler"/>); an <c>Idempotency-Key</c> applies to the others.</summary>
    public bool Writes => !typeof(IReadOnlyHandler).IsAssignableFrom(Handler);

    /// <summary>True for entry writes, which carry an <c>Idempotency-Key</c> call's record in their own transactions.</summary>
    public bool RecordsCallsInWrites => typeof(IEntryWriteHandler).IsAssignableFrom(Handler);

    public Task<CommandResult> ExecuteAsync(IServiceProvider services, CommandContext context) =>
        _run(services.GetService(Handler) ?? throw new InvalidOperationException($"{Handler.Name} is not registered."), context with { Command = Name });
}
