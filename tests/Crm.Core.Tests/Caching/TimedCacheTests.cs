using Crm.Core.Caching;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Core.Tests.Caching;

/// <summary>The one cache helper behind the schema, dictionary and user caches.</summary>
public sealed class TimedCacheTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new();
    private int _loads;

    private Task<int> Load(CancellationToken _) => Task.FromResult(Interlocked.Increment(ref _loads));

    [Fact]
    public async Task A_value_is_served_from_memory_until_its_lifetime_ends_on_the_clock()
    {
        var cache = new TimedCache<string, int>(Lifetime, _clock);

        Assert.Equal(1, await cache.GetAsync("a", Load, CancellationToken.None));
        _clock.Advance(Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await cache.GetAsync("a", Load, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await cache.GetAsync("a", Load, CancellationToken.None));
    }

    [Fact]
    public async Task Keys_are_cached_apart_and_compared_with_the_given_comparer()
    {
        var cache = new TimedCache<string, int>(Lifetime, _clock, StringComparer.OrdinalIgnoreCase);

        Assert.Equal(1, await cache.GetAsync("Positions", Load, CancellationToken.None));
        Assert.Equal(1, await cache.GetAsync("POSITIONS", Load, CancellationToken.None));
        Assert.Equal(2, await cache.GetAsync("Industries", Load, CancellationToken.None));
    }

    [Fact]
    public async Task Invalidate_makes_the_next_read_load_again_and_Reload_keeps_what_it_read()
    {
        var cache = new TimedCache<string, int>(Lifetime, _clock);
        await cache.GetAsync("a", Load, CancellationToken.None);

        cache.Invalidate("a");
        Assert.Equal(2, await cache.GetAsync("a", Load, CancellationToken.None));
        Assert.Equal(3, await cache.ReloadAsync("a", Load, CancellationToken.None));
        Assert.Equal(3, await cache.GetAsync("a", Load, CancellationToken.None));
    }

    [Fact]
    public async Task A_write_through_drops_the_key_also_when_the_write_fails()
    {
        var cache = new TimedCache<string, int>(Lifetime, _clock);
        await cache.GetAsync("a", Load, CancellationToken.None);

        Assert.Equal("done", await cache.WriteThroughAsync("a", () => Task.FromResult("done")));
        Assert.Equal(2, await cache.GetAsync("a", Load, CancellationToken.None));
        await Assert.ThrowsAsync<TimeoutException>(() => cache.WriteThroughAsync("a", () => Task.FromException(new TimeoutException())));
        Assert.Equal(3, await cache.GetAsync("a", Load, CancellationToken.None));
    }

    [Fact]
    public async Task A_load_that_an_invalidation_overtook_is_returned_but_not_kept()
    {
        var cache = new TimedCache<string, int>(Lifetime, _clock);
        var loading = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        async Task<int> SlowLoad(CancellationToken _)
        {
            loading.SetResult();
            await release.Task;
            return 100;
        }

        var read = cache.GetAsync("a", SlowLoad, CancellationToken.None);
        await loading.Task;
        cache.Invalidate("a"); // a write finished while the old value was being read
        release.SetResult();

        Assert.Equal(100, await read);
        Assert.Equal(1, await cache.GetAsync("a", Load, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_readers_of_a_missing_key_share_one_load()
    {
        var cache = new TimedCache<string, int>(Lifetime, _clock);
        var release = new TaskCompletionSource();
        async Task<int> GatedLoad(CancellationToken _)
        {
            await release.Task;
            return Interlocked.Increment(ref _loads);
        }

        var reads = Enumerable.Range(0, 5).Select(_ => cache.GetAsync("a", GatedLoad, CancellationToken.None)).ToList();
        release.SetResult();

        Assert.All(await Task.WhenAll(reads), value => Assert.Equal(1, value));
        Assert.Equal(1, _loads);
    }
}
