namespace Crm.Core.Access;

/// <summary>Step two: the named user, when it exists and is active, with its effective rights.</summary>
public interface IUserDirectory
{
    ValueTask<CrmUser?> FindActiveUserAsync(string login, CancellationToken cancellationToken);
}
