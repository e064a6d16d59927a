namespace Blind27.MarathonTiming.Transponders;

public sealed record TransponderAssignment(string Bib, string ChipId);

public interface ITimingVendorApi
{
    Task<string> AuthenticateAsync(CancellationToken ct);
    Task<IReadOnlyList<TransponderAssignment>> GetAssignmentsAsync(string token, string raceId, CancellationToken ct);
}

/// <summary>
/// Client wrapper for the timing vendor's HTTP API. Registered as a singleton in the
/// race-day service.
/// </summary>
public sealed class TimingVendorClient
{
    private readonly ITimingVendorApi _api;
    private readonly object _authLock = new();
    private Task<string>? _authTask;

    public TimingVendorClient(ITimingVendorApi api) => _api = api;

    private Task<string> GetTokenAsync()
    {
        lock (_authLock)
        {
            if (_authTask is null || _authTask.IsFaulted || _authTask.IsCanceled)
            {
                _authTask = _api.AuthenticateAsync(CancellationToken.None);
            }

            return _authTask;
        }
    }

    public async Task<IReadOnlyList<TransponderAssignment>> AssignmentsAsync(string raceId, CancellationToken ct)
    {
        var token = await GetTokenAsync().WaitAsync(ct).ConfigureAwait(false);
        return await _api.GetAssignmentsAsync(token, raceId, ct).ConfigureAwait(false);
    }

    public void InvalidateToken()
    {
        lock (_authLock)
        {
            _authTask = null;
        }
    }
}

/// <summary>Resolves chip reads to bibs for the live results feed.</summary>
public sealed class ChipResolver
{
    private readonly TimingVendorClient _client;
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, string>> _map =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _loading;

    public ChipResolver(TimingVendorClient client) => _client = client;

    public async Task<string?> BibForAsync(string raceId, string chipId, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _loading, 1) == 0)
        {
            _ = LoadAsync(raceId);
        }

        var map = await _map.Task.WaitAsync(ct).ConfigureAwait(false);
        return map.TryGetValue(chipId, out var bib) ? bib : null;
    }

    private async Task LoadAsync(string raceId)
    {
        try
        {
            var assignments = await _client.AssignmentsAsync(raceId, CancellationToken.None).ConfigureAwait(false);
            _map.TrySetResult(assignments.ToDictionary(a => a.ChipId, a => a.Bib));
        }
        catch (Exception ex)
        {
            _map.TrySetException(ex);
        }
    }
}
