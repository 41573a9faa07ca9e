using Crm.Core.Startup;
using Crm.Storage.Access;
using Microsoft.Extensions.Options;

namespace Crm.Core.Access;

/// <summary>
/// Creates the first administrator (<c>Crm:Bootstrap:Admin</c>) with the <c>admin</c> right, once: racing
/// instances write it in one transaction with a marker, and a later removal by an admin is respected.
/// </summary>
public sealed class BootstrapAdminStartup(StoredUserDirectory directory, IOptions<BootstrapOptions> options) : IStartupTask
{
    // After StorageStartup (0), which creates the tables.
    public int Order => 10;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var login = options.Value.Admin?.Trim();
        if (string.IsNullOrEmpty(login))
        {
            return;
        }
        var admin = new StoredUser(login, login, "", Active: true, Groups: []);
        await directory.SeedBootstrapUserAsync(admin, CrmRights.Admin, cancellationToken);
    }
}
