namespace Bookbinding.Membership;

public sealed record MemberRoll(IReadOnlyList<string> Masters, IReadOnlyList<string> Journeymen, DateTime FetchedAt);

public interface IGuildRegistryClient
{
    Task<MemberRoll> FetchRollAsync(CancellationToken ct);
}

/// <summary>
/// Serves the guild member roll to the bindery's booking pages. Concurrent
/// requests while a fetch is running share that fetch; a completed roll is
/// reused for a short while.
/// </summary>
public sealed class MemberRollProvider
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    private readonly object _sync = new();
    private readonly IGuildRegistryClient _client;
    private Task<MemberRoll>? _inflight;
    private MemberRoll? _last;

    public MemberRollProvider(IGuildRegistryClient client) => _client = client;

    public Task<MemberRoll> GetAsync()
    {
        lock (_sync)
        {
            if (_last != null && DateTime.UtcNow - _last.FetchedAt < Freshness)
            {
                return Task.FromResult(_last);
            }

            if (_inflight != null)
            {
                return _inflight;
            }

            var task = FetchAndStoreAsync();
            // A fetch that finished synchronously has already run its cleanup,
            // so only remember it while it is still running.
            if (!task.IsCompleted)
            {
                _inflight = task;
            }
            return task;
        }
    }

    private async Task<MemberRoll> FetchAndStoreAsync()
    {
        try
        {
            var roll = await _client.FetchRollAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_sync)
            {
                _last = roll;
            }
            return roll;
        }
        finally
        {
            lock (_sync)
            {
                _inflight = null;
            }
        }
    }

    public void Invalidate()
    {
        lock (_sync)
        {
            _last = null;
        }
    }
}
