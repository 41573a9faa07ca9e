namespace Crm.Core.Schema;

/// <summary>
/// Keys the answers use themselves beside field codes: a record has <c>id</c> and <c>name</c>, a flat answer
/// (<c>get…byname</c>) <c>success</c> and <c>id</c>, the error object <c>success</c>, <c>details</c>, <c>code</c> and
/// <c>existingId</c>. A field under one of these codes would give an answer one key twice, and most JSON parsers
/// keep the last (a client would read the field's value as the entry's id), so they are no field's code; compared
/// as codes are, ignoring case.
/// </summary>
public static class ReservedFieldCodes
{
    private static readonly HashSet<string> Codes = new(StringComparer.OrdinalIgnoreCase) { "id", "name", "success", "details", "code", "existingId" };

    public static bool IsReserved(string code) => Codes.Contains(code.Trim());

    public static string List => string.Join(", ", Codes);
}
