namespace Crm.Core.Commands;

/// <summary>The properties a success answer has next to <c>success</c> (docs/api.md#answers-and-errors).</summary>
public sealed record CommandAnswer(string Description, IReadOnlyList<AnswerProperty> Properties)
{
    /// <summary>The entry's id and field codes sit flat next to <c>success</c> (<c>getcompanybyname</c>).</summary>
    public bool FlatEntry { get; init; }

    public static CommandAnswer Of(string description, params AnswerProperty[] properties) => new(description, properties);

    public static CommandAnswer Entry(string description) => new(description, [AnswerProperty.Text("id", "The entry's id.")]) { FlatEntry = true };

    public static CommandAnswer Nothing { get; } = new("Only `success`.", []);
}

public enum AnswerKind
{
    /// <summary>A string (ids and numbers too).</summary>
    Text,
    Flag,
    /// <summary>An array of entries: <c>id</c>, <c>name</c> and every field code, all strings.</summary>
    Entries,
    /// <summary>An array of strings.</summary>
    Texts,
    /// <summary>An array of objects whose properties the description names.</summary>
    Objects,
}

public sealed record AnswerProperty(string Name, AnswerKind Kind, string Description)
{
    public static AnswerProperty Text(string name, string description) => new(name, AnswerKind.Text, description);
    public static AnswerProperty Flag(string name, string description) => new(name, AnswerKind.Flag, description);
    public static AnswerProperty Entries(string name, string description) => new(name, AnswerKind.Entries, description);
    public static AnswerProperty Texts(string name, string description) => new(name, AnswerKind.Texts, description);
    public static AnswerProperty Objects(string name, string description) => new(name, AnswerKind.Objects, description);
}
