using System.Globalization;
using Crm.Core.Endpoint;
using Crm.Core.Errors;

namespace Crm.Core.Entries.Paging;

/// <summary>
/// A call's <c>limit</c> (1–1,000 entries) and <c>cursor</c> (docs/api.md#paging). Without <c>limit</c> there is no page:
/// the command answers its whole list, streamed, as it always did.
/// </summary>
public sealed record PageRequest(int Limit, string? Cursor)
{
    public const string LimitParameter = "limit";
    public const string CursorParameter = "cursor";
    public const int MaxLimit = 1000;

    /// <summary>The page asked for; null when the call sends no <c>limit</c>.</summary>
    public static PageRequest? From(RequestParameters parameters)
    {
        var cursor = parameters.GetNonBlank(CursorParameter);
        if (parameters.GetNonBlank(LimitParameter) is not { } limitText)
        {
            return cursor is null
                ? null
                : throw CrmException.BadRequest($"A '{CursorParameter}' continues a paged list: send '{LimitParameter}' (1 to {MaxLimit:N0}) with it.");
        }
        if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > MaxLimit)
        {
            throw CrmException.BadRequest(
                $"'{LimitParameter}' is the number of entries per page, a whole number from 1 to {MaxLimit:N0}; '{RequestLimits.Echo(limitText)}' is not.");
        }
        return new PageRequest(limit, cursor);
    }
}
