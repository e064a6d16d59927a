using System.Collections.Concurrent;

namespace Blind56.Opticians.Tenancy;

public sealed record PracticeSettings(string PracticeId, string Region, string Database, bool ReadReplicaEnabled);

public sealed class PracticeRoute
{
    public PracticeRoute(PracticeSettings settings, int generation)
    {
        Settings = settings;
        Generation = generation;
        PrimaryConnection = $"Server=sql-{settings.Region};Database={settings.Database};Encrypt=true";
        ReportingConnection = settings.ReadReplicaEnabled
            ? $"Server=sql-{settings.Region}-ro;Database={settings.Database};ApplicationIntent=ReadOnly;Encrypt=true"
            : PrimaryConnection;
    }

    public PracticeSettings Settings { get; }
    public int Generation { get; }
    public string PrimaryConnection { get; }
    public string ReportingConnection { get; }
}

public interface IPracticeSettingsSource
{
    PracticeSettings Load(string practiceId);
}

/// <summary>
/// Routes requests of each optician practice to its own patient-records database.
/// Registered as a singleton; Resolve runs on every request, and Reconfigure is
/// called by the admin portal when a practice is migrated to another region.
/// </summary>
public sealed class PracticeConnectionRouter
{
    private readonly ConcurrentDictionary<string, Lazy<PracticeRoute>> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly IPracticeSettingsSource _source;
    private int _generation;

    public PracticeConnectionRouter(IPracticeSettingsSource source) => _source = source;

    public PracticeRoute Resolve(string practiceId)
    {
        var lazy = _routes.GetOrAdd(practiceId, id => new Lazy<PracticeRoute>(
            () => new PracticeRoute(_source.Load(id), Volatile.Read(ref _generation)),
            LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    public void Reconfigure(PracticeSettings settings)
    {
        int generation = Interlocked.Increment(ref _generation);
        var route = new Lazy<PracticeRoute>(new PracticeRoute(settings, generation));
        _routes.AddOrUpdate(settings.PracticeId, route, (_, _) => route);
    }

    public bool Evict(string practiceId) => _routes.TryRemove(practiceId, out _);

    public IReadOnlyList<string> KnownPractices() => _routes.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
}

/// <summary>Endpoint filter that attaches the practice's route to the request.</summary>
public sealed class PracticeRouteFilter
{
    private readonly PracticeConnectionRouter _router;

    public PracticeRouteFilter(PracticeConnectionRouter router) => _router = router;

    public async ValueTask<object?> InvokeAsync(IDictionary<object, object?> items, string practiceClaim, Func<ValueTask<object?>> next)
    {
        items[typeof(PracticeRoute)] = _router.Resolve(practiceClaim);
        return await next().ConfigureAwait(false);
    }
}
