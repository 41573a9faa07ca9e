using Microsoft.Extensions.Options;

namespace Crm.Core.Access;

/// <summary>Until users and rights are stored: the bootstrap administrator is the only user, with every right.</summary>
public sealed class BootstrapUserDirectory(IOptions<BootstrapOptions> options) : IUserDirectory
{
    public ValueTask<CrmUser?> FindActiveUserAsync(string login, CancellationToken cancellationToken) =>
        ValueTask.FromResult(string.Equals(login, options.Value.Admin, StringComparison.OrdinalIgnoreCase)
            ? new CrmUser(options.Value.Admin, new HashSet<string>([CrmRights.Admin], CrmRights.Comparer))
            : null);
}
