using Crm.Core.Commands;
using static Crm.Core.Commands.AnswerProperty;

namespace Crm.Core.Entries;

/// <summary>The descriptions of the entry commands (docs/api.md#companies … #any-table), for openapi.json and /docs.</summary>
public static class EntryCommandDocs
{
    private static readonly CommandAnswer IdAnswer = CommandAnswer.Of("The entry's id.", Text("id", "The entry's id."));

    public static CommandDoc List(string what, string listKey) => new(
        $"Every {what}, in id order, streamed.",
        CommandAnswer.Of($"The {what} entries.", AnswerProperty.Entries(listKey, $"Each {what}: `id`, `name` and every field code.")))
    { Paged = true };

    public static CommandDoc Get(string what, EntryCommandNames names) => new(
        $"One {what} by id or name.",
        CommandAnswer.Entry($"Flat: `id` and every field code of the {what} next to `success` (no `name`)."))
    {
        Parameters = Naming(what, names),
        SendsETag = true,
    };

    public static CommandDoc Add(string what, EntryCommandNames names) => new(
        $"Create a {what} from field parameters.",
        IdAnswer)
    {
        Parameters =
        [
            new(names.NameParameter, $"The {what}'s title, instead of (or agreeing with) the title's field parameter."),
            new("tableName", $"May be given; must then be `{names.Table}`."),
        ],
        TakesFields = true,
        SendsETag = true,
    };

    public static CommandDoc Edit(string what, EntryCommandNames names) => new(
        $"Change or rename a {what}: only the fields given change, an empty value clears one.",
        IdAnswer)
    {
        Parameters =
        [
            new(names.IdParameter, $"The {what}'s id; with it, `{names.NameParameter}` is the new name."),
            new(names.NameParameter, $"The {what}'s name (or, with `{names.IdParameter}`, its new name)."),
        ],
        TakesFields = true,
        IfMatch = true,
        SendsETag = true,
    };

    public static CommandDoc Delete(string what, EntryCommandNames names) => new(
        $"Delete a {what}; references to it are cleared.",
        IdAnswer)
    {
        Parameters = Naming(what, names),
        IfMatch = true,
    };

    public static CommandDoc SetContact { get; } = new(
        "Link a contact to a company (replaces its old company).",
        CommandAnswer.Of("The contact's id and the company's id.", Text("id", "The contact's id."), Text("companyId", "The company's id.")))
    {
        Parameters = [.. Naming("contact", EntryCommandNames.Contacts), .. Naming("company", EntryCommandNames.Companies)],
        // Both guard the contact: its version is the one answered and the one If-Match names.
        IfMatch = true,
        SendsETag = true,
    };

    public static CommandDoc UpdateOrCreateEntity { get; } = new(
        "Create (no `id`) or change (`id`) an entry of any table.",
        CommandAnswer.Of("The entry's id and whether it was created.", Text("id", "The entry's id."), Flag("created", "True when the call created the entry.")))
    {
        Parameters =
        [
            CommandParameter.Needed("tableName", "The table, e.g. `PRODUCTS` (case-insensitive)."),
            new("id", "The entry to change; empty or absent creates one."),
        ],
        TakesFields = true,
        Right = "`<tableName>.add` to create, `<tableName>.edit` to change",
        IfMatch = true,
        SendsETag = true,
    };

    public static CommandDoc SearchEntities { get; } = new(
        "Find entries of any table: field pairs are ANDed, a value ending in `*` is a prefix; none lists the whole table.",
        CommandAnswer.Of("The matching entries.", AnswerProperty.Entries("records", "Each entry: `id`, `name` and every field code.")))
    {
        Parameters = [new("tableName", "The table (default `CONTACTS`).")],
        TakesFields = true,
        Paged = true,
    };

    public static CommandDoc TransactionsList { get; } = new(
        "The transactions of a Jira issue, in id order.",
        CommandAnswer.Of("The TRANSACTIONS entries whose Issue is the key.", AnswerProperty.Entries("transactions", "Each transaction: `id`, `name` and every field code.")))
    {
        Parameters = [CommandParameter.Needed("saleVal", "A Jira issue key, e.g. `CRM-12` (case-insensitive).")],
        Paged = true,
    };

    private static CommandParameter[] Naming(string what, EntryCommandNames names) =>
    [
        new(names.IdParameter, $"The {what}'s id (or give `{names.NameParameter}`)."),
        new(names.NameParameter, $"The {what}'s name, compared as titles are (or give `{names.IdParameter}`)."),
    ];
}
