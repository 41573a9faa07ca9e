using Crm.Core.Commands;
using static Crm.Core.Commands.CommandParameter;

namespace Crm.Core.Dictionaries;

/// <summary>The descriptions of the dictionary commands (docs/api.md#dictionaries), for openapi.json and /docs.</summary>
public static class DictionaryCommandDocs
{
    private static readonly CommandParameter Dictionary = Needed("dictionaryName", "The dictionary, e.g. `Industries` (case-insensitive).");

    public static CommandDoc Add { get; } = new("Add a value to a dictionary (created, closed, when new).", CommandAnswer.Nothing)
    {
        Parameters = [Dictionary, Needed("newvalue", "The value to add.")],
    };

    public static CommandDoc Remove { get; } = new("Remove a value from a dictionary.", CommandAnswer.Nothing)
    {
        Parameters = [Dictionary, Needed("valuetoremove", "The value to remove.")],
    };

    public static CommandDoc Get { get; } = new(
        "A dictionary's values, in insertion order.",
        CommandAnswer.Of("The values.", AnswerProperty.Texts("values", "The dictionary's values.")))
    {
        Parameters = [Dictionary],
    };
}
