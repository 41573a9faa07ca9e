namespace Crm.TestSupport.KeyVault;

/// <summary>What reached the stand-in, by kind. Thread-safe.</summary>
public sealed class KeyVaultCallCounts
{
    private int _total;
    private int _challenges;
    private int _versionListings;
    private int _secretListings;
    private int _versionPages;
    private int _valueReads;
    private int _writes;
    private int _failed;

    /// <summary>Every request, including challenged and failed ones.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Requests answered with the 401 authentication challenge.</summary>
    public int Challenges => Volatile.Read(ref _challenges);

    /// <summary>First pages of <c>GET /secrets/{name}/versions</c>: one per reading of the versions.</summary>
    public int VersionListings => Volatile.Read(ref _versionListings);

    /// <summary>First pages of <c>GET /secrets</c>: one per listing of the vault's secrets.</summary>
    public int SecretListings => Volatile.Read(ref _secretListings);

    /// <summary>Every page of a versions listing, first and <c>nextLink</c> ones.</summary>
    public int VersionPages => Volatile.Read(ref _versionPages);

    /// <summary><c>GET /secrets/{name}/{version}</c>: reads of a secret value.</summary>
    public int ValueReads => Volatile.Read(ref _valueReads);

    /// <summary>PUT, PATCH, DELETE.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Requests failed on purpose (see <see cref="KeyVaultFailure"/>).</summary>
    public int Failed => Volatile.Read(ref _failed);

    internal void CountRequest() => Interlocked.Increment(ref _total);
    internal void CountChallenge() => Interlocked.Increment(ref _challenges);
    internal void CountVersionPage(bool first)
    {
        Interlocked.Increment(ref _versionPages);
        if (first)
        {
            Interlocked.Increment(ref _versionListings);
        }
    }
    internal void CountSecretListingPage(bool first)
    {
        if (first)
        {
            Interlocked.Increment(ref _secretListings);
        }
    }
    internal void CountValueRead() => Interlocked.Increment(ref _valueReads);
    internal void CountWrite() => Interlocked.Increment(ref _writes);
    internal void CountFailure() => Interlocked.Increment(ref _failed);

    public override string ToString() =>
        $"total {Total}, challenges {Challenges}, secret listings {SecretListings}, listings {VersionListings}, pages {VersionPages}, value reads {ValueReads}, writes {Writes}, failed {Failed}";
}
