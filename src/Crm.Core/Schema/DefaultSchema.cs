using Crm.Storage.Schema;

namespace Crm.Core.Schema;

/// <summary>The tables, fields and dictionaries of a fresh installation (docs/api.md#tables-and-fields).</summary>
public static class DefaultSchema
{
    public const string Companies = "CLIENTS";
    public const string Contacts = "CONTACTS";
    public const string Products = "PRODUCTS";
    public const string Transactions = "TRANSACTIONS";

    public static IReadOnlyList<TableDefinition> Tables { get; } =
    [
        Table(Companies, "companies",
            F("org_name", "Name", FieldType.Text, isTitle: true, required: true, unique: true),
            F("org_type", "Type", FieldType.Dictionary, searchable: true, dictionary: "Company types"),
            F("org_industry", "Industry", FieldType.Dictionary, searchable: true, dictionary: "Industries"),
            F("org_www", "Website", FieldType.Url, searchable: true),
            F("org_sla", "SLA", FieldType.Dictionary, searchable: true, dictionary: "SLA"),
            F("org_contact", "Main contact", FieldType.Reference, searchable: true, target: Contacts),
            F("org_people", "Contacts", FieldType.Computed, target: Contacts, reverse: "contact_company")),
        Table(Contacts, "contacts",
            F("contact_name", "Name", FieldType.Text, isTitle: true, required: true),
            F("contact_company", "Company", FieldType.Reference, searchable: true, target: Companies),
            F("contact_email", "E-mail", FieldType.Email, searchable: true),
            F("contact_position", "Position", FieldType.Dictionary, searchable: true, dictionary: "Positions"),
            F("contact_login", "Jira login", FieldType.Text, unique: true, searchable: true),
            F("contact_phone", "Phone", FieldType.Text, searchable: true),
            F("contact_active", "Active", FieldType.Checkbox, searchable: true)),
        Table(Products, "records",
            F("product_name", "Product Name", FieldType.Text, isTitle: true, required: true),
            F("product_price", "Price", FieldType.Number, searchable: true),
            F("product_vendor", "Vendor", FieldType.Text, searchable: true),
            F("product_area", "Area", FieldType.Text, searchable: true)),
        Table(Transactions, "transactions",
            F("trans_issue", "Issue", FieldType.Text, searchable: true),
            F("trans_direction", "Direction", FieldType.Dictionary, searchable: true, dictionary: "Directions"),
            F("trans_status", "Status", FieldType.Dictionary, searchable: true, dictionary: "Transaction statuses"),
            F("trans_amount", "Amount", FieldType.Number),
            F("trans_currency", "Currency", FieldType.Text, searchable: true),
            F("trans_date", "Date", FieldType.Date, searchable: true),
            F("trans_company", "Company", FieldType.Reference, searchable: true, target: Companies),
            F("trans_description", "Description", FieldType.Text, isTitle: true)),
    ];

    /// <summary>Name, open (learns new values), values.</summary>
    public static IReadOnlyList<(string Name, bool Open, string[] Values)> Dictionaries { get; } =
    [
        ("Company types", false, ["Customer", "Partner", "Vendor", "Prospect", "Competitor", "Other"]),
        ("Industries", false, ["Consulting", "Education", "Finance", "Government", "Healthcare", "Manufacturing", "Retail", "Software", "Telecommunications", "Other"]),
        ("SLA", false, ["SLA-1 Free", "SLA-2 Standard", "SLA-3 Premium"]),
        ("Positions", true, ["CEO", "CTO", "Manager", "Developer", "Engineer", "Sales", "Support"]),
        ("Directions", false, ["Income", "Expense"]),
        ("Transaction statuses", false, ["Plan", "Fact"]),
    ];

    /// <summary>Default values given to a new entry when the caller sets none.</summary>
    public static string? DefaultValue(FieldDefinition field) =>
        field.Table == Contacts && field.Code == "contact_active" ? "true" : null;

    private static TableDefinition Table(string name, string listKey, params Func<string, int, FieldDefinition>[] fields) =>
        new(name, listKey, fields.Select((make, i) => make(name, i + 1)).ToList());

    private static Func<string, int, FieldDefinition> F(
        string code, string name, FieldType type, bool isTitle = false, bool required = false, bool unique = false,
        bool searchable = false, string? dictionary = null, string? target = null, string? reverse = null) =>
        (table, order) => new FieldDefinition(table, code, name, type, "f" + order, order, isTitle, required, unique, searchable, dictionary, target, reverse);
}
