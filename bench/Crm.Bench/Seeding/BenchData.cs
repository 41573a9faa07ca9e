using System.Globalization;
using Crm.Storage.Schema;

namespace Crm.Bench.Seeding;

/// <summary>
/// The entries the benchmark works on, as stored values (property name → value) and as the API parameters
/// that store the same values. Contacts look like the ones a Jira sync imports (name, e-mail, login,
/// active) plus a phone shared by blocks of <see cref="PhoneGroupSize"/> contacts, which gives a search
/// with 50 matches; the e-mail gives one with a single match.
/// </summary>
public static class BenchData
{
    public const int PhoneGroupSize = 50;

    public static string ContactName(string tag, long n) => string.Create(CultureInfo.InvariantCulture, $"{tag} Contact {n:D6}");
    public static string ContactEmail(string tag, long n) => string.Create(CultureInfo.InvariantCulture, $"{tag.ToLowerInvariant()}{n}@bench.example");
    public static string ContactLogin(string tag, long n) => string.Create(CultureInfo.InvariantCulture, $"{tag.ToLowerInvariant()}{n}");
    public static string ContactPhone(string tag, long n) => string.Create(CultureInfo.InvariantCulture, $"+1-555-{tag.ToLowerInvariant()}-{(n - 1) / PhoneGroupSize:D6}");

    public static Dictionary<string, string> Contact(TableDefinition contacts, string tag, long n) => new(StringComparer.Ordinal)
    {
        [Property(contacts, "contact_name")] = ContactName(tag, n),
        [Property(contacts, "contact_email")] = ContactEmail(tag, n),
        [Property(contacts, "contact_login")] = ContactLogin(tag, n),
        [Property(contacts, "contact_phone")] = ContactPhone(tag, n),
        // What EntryWriter stores for a new contact that does not set it.
        [Property(contacts, "contact_active")] = "true",
    };

    /// <summary>The <c>crm_param_N</c> pairs of <c>updateOrCreateEntity</c> that create the same contact as <see cref="Contact"/>.</summary>
    public static (string Name, string Value)[] ContactParameters(string tag, long n) =>
    [
        ("crm_param_1", "contact_name"), ("crm_param_1_value", ContactName(tag, n)),
        ("crm_param_2", "contact_email"), ("crm_param_2_value", ContactEmail(tag, n)),
        ("crm_param_3", "contact_login"), ("crm_param_3_value", ContactLogin(tag, n)),
        ("crm_param_4", "contact_phone"), ("crm_param_4_value", ContactPhone(tag, n)),
    ];

    public static string CompanyName(string tag, long n) => string.Create(CultureInfo.InvariantCulture, $"{tag} {n:D6}");
    public static string CompanyWebsite(string tag, long n) => string.Create(CultureInfo.InvariantCulture, $"https://{tag.ToLowerInvariant()}{n}.example/home");
    public const string CompanyType = "Customer";
    public const string CompanyIndustry = "Software";

    public static Dictionary<string, string> Company(TableDefinition companies, string tag, long n) => new(StringComparer.Ordinal)
    {
        [Property(companies, "org_name")] = CompanyName(tag, n),
        [Property(companies, "org_type")] = CompanyType,
        [Property(companies, "org_industry")] = CompanyIndustry,
        [Property(companies, "org_www")] = CompanyWebsite(tag, n),
    };

    /// <summary>The <c>addcompany</c> parameters that create the same company as <see cref="Company"/>.</summary>
    public static (string Name, string Value)[] CompanyParameters(string tag, long n) =>
    [
        ("clients-org_name", CompanyName(tag, n)),
        ("clients-org_type", CompanyType),
        ("clients-org_industry", CompanyIndustry),
        ("clients-org_www", CompanyWebsite(tag, n)),
    ];

    public static string Property(TableDefinition table, string code) =>
        (table.FindByCode(code) ?? throw new InvalidOperationException($"{table.Name} has no field {code}; the default schema changed.")).Property;
}
