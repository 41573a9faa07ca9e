using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.Storage.Access;

namespace Crm.Core.Access;

/// <summary><c>grant</c>: gives a right to a user (<c>login</c>, which must exist) or a group (<c>group</c>). Granting twice is not an error.</summary>
public sealed class GrantHandler(StoredUserDirectory directory, RightNames rights)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var (kind, grantee) = AdminParameters.Grantee(context.Parameters);
        var right = await rights.NormalizeAsync(context.Parameters.Require("right"), context.Cancellation);
        if (kind == GranteeKind.User && await directory.FindCurrentUserAsync(grantee, context.Cancellation) is null)
        {
            throw CrmException.NotFound($"There is no user '{grantee}'. Create it with setuser first.");
        }
        var created = await directory.GrantAsync(new StoredGrant(kind, grantee, right), context.Cancellation);
        return new PropertiesResult((kind == GranteeKind.User ? "login" : "group", grantee), ("right", right), ("created", created));
    }
}
