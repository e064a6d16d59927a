using System.Collections.Immutable;

namespace Blind53.LockSmithing.Blanks;

public interface IKeyBlankHandler
{
    string Profile { get; }

    string CuttingProgram(string bitting);
}

/// <summary>
/// Registry of key-blank handlers by keyway profile. App-wide singleton: vendor packs are
/// registered and replaced at runtime while the cutting machines look handlers up for
/// every job.
/// </summary>
public sealed class KeyBlankRegistry
{
    private ImmutableDictionary<string, IKeyBlankHandler> _handlers =
        ImmutableDictionary.Create<string, IKeyBlankHandler>(StringComparer.OrdinalIgnoreCase);

    public void Register(IKeyBlankHandler handler)
    {
        ImmutableInterlocked.AddOrUpdate(ref _handlers, handler.Profile, handler, (_, _) => handler);
    }

    public bool Unregister(string profile) => ImmutableInterlocked.TryRemove(ref _handlers, profile, out _);

    /// <summary>Replaces the whole set, e.g. after a vendor pack update.</summary>
    public void ReplaceAll(IEnumerable<IKeyBlankHandler> handlers)
    {
        var next = handlers.ToImmutableDictionary(h => h.Profile, StringComparer.OrdinalIgnoreCase);
        Interlocked.Exchange(ref _handlers, next);
    }

    public bool TryResolve(string profile, out IKeyBlankHandler? handler)
    {
        var current = Volatile.Read(ref _handlers);
        return current.TryGetValue(profile, out handler);
    }

    public IReadOnlyCollection<string> Profiles => Volatile.Read(ref _handlers).Keys.ToArray();
}

public sealed class CuttingMachineQueue
{
    private readonly KeyBlankRegistry _registry;

    public CuttingMachineQueue(KeyBlankRegistry registry)
    {
        _registry = registry;
    }

    public Task<string[]> PrepareAsync(IEnumerable<(string Profile, string Bitting)> jobs)
    {
        return Task.Run(() => jobs
            .AsParallel()
            .Select(job => _registry.TryResolve(job.Profile, out var handler)
                ? handler!.CuttingProgram(job.Bitting)
                : $"; no handler for {job.Profile}")
            .ToArray());
    }
}
