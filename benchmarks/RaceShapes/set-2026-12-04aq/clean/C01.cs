namespace Blind43.Lifeboats.LaunchPolicy;

/// <summary>Weather limits the station uses when deciding whether a launch needs sign-off.</summary>
public sealed record LaunchPolicy(
    int MaxWindKnots,
    double MaxWaveHeightMetres,
    bool NightLaunchNeedsSecondCoxswain,
    DateTimeOffset LoadedAt);

public interface IPolicyStore
{
    LaunchPolicy Load();
}

/// <summary>
/// Supplies the current launch policy to the launch-authority app. Registered as a singleton;
/// a background timer reloads it from the regional office while requests read it constantly.
/// </summary>
public sealed class LaunchPolicyProvider : IDisposable
{
    private readonly IPolicyStore _store;
    private readonly Timer _refresh;
    private LaunchPolicy _current;
    private long _reloadFailures;

    public LaunchPolicyProvider(IPolicyStore store, TimeSpan refreshEvery)
    {
        _store = store;
        _current = store.Load();
        _refresh = new Timer(_ => TryReload(), null, refreshEvery, refreshEvery);
    }

    public LaunchPolicy Current => Volatile.Read(ref _current);

    public long ReloadFailures => Interlocked.Read(ref _reloadFailures);

    private void TryReload()
    {
        try
        {
            var fresh = _store.Load();
            Volatile.Write(ref _current, fresh);
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _reloadFailures);
        }
    }

    public void Dispose() => _refresh.Dispose();
}

/// <summary>Evaluates a proposed launch against whichever policy is current at that moment.</summary>
public sealed class LaunchAuthority
{
    private readonly LaunchPolicyProvider _policies;

    public LaunchAuthority(LaunchPolicyProvider policies) => _policies = policies;

    public LaunchDecision Evaluate(int windKnots, double waveHeight, bool atNight, int coxswainsAvailable)
    {
        var policy = _policies.Current;

        if (windKnots > policy.MaxWindKnots || waveHeight > policy.MaxWaveHeightMetres)
        {
            return new LaunchDecision(false, "Outside weather limits; refer to launch authority.", policy.LoadedAt);
        }

        if (atNight && policy.NightLaunchNeedsSecondCoxswain && coxswainsAvailable < 2)
        {
            return new LaunchDecision(false, "Night launch needs a second coxswain.", policy.LoadedAt);
        }

        return new LaunchDecision(true, null, policy.LoadedAt);
    }
}

public sealed record LaunchDecision(bool Approved, string? Reason, DateTimeOffset PolicyVersion);
