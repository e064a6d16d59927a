using System.Collections.ObjectModel;

namespace Blind51.PuppetTheatres.Casting;

public sealed record Puppeteer(string Name, string Speciality, bool CanWorkBridge);

/// <summary>
/// The cast list for a puppet theatre production. Shared by the casting desk (which adds
/// and releases puppeteers as contracts are signed) and by the rehearsal planner and the
/// programme printer, which read the cast from background jobs.
/// </summary>
public sealed class CastRegistry
{
    private readonly object _lock = new();
    private readonly List<Puppeteer> _cast = new();

    public void Sign(Puppeteer puppeteer)
    {
        lock (_lock)
        {
            if (_cast.Any(p => p.Name == puppeteer.Name)) return;
            _cast.Add(puppeteer);
        }
    }

    public bool Release(string name)
    {
        lock (_lock)
        {
            return _cast.RemoveAll(p => p.Name == name) > 0;
        }
    }

    /// <summary>The current cast, for display and planning.</summary>
    public ReadOnlyCollection<Puppeteer> Cast
    {
        get
        {
            lock (_lock)
            {
                return _cast.AsReadOnly();
            }
        }
    }
}

/// <summary>
/// Pairs puppeteers for each scene, preferring bridge-capable puppeteers for the marionette
/// scenes. Runs as a background job whenever the director changes the running order.
/// </summary>
public sealed class RehearsalPlanner
{
    private readonly CastRegistry _registry;

    public RehearsalPlanner(CastRegistry registry) => _registry = registry;

    public Task<IReadOnlyList<string>> PlanAsync(IReadOnlyList<(string Scene, bool Marionettes)> scenes, CancellationToken cancellationToken)
    {
        return Task.Run<IReadOnlyList<string>>(() =>
        {
            var cast = _registry.Cast;
            var plan = new List<string>();

            foreach (var (scene, marionettes) in scenes)
            {
                cancellationToken.ThrowIfCancellationRequested();

                var suitable = new List<Puppeteer>();
                foreach (var p in cast)
                {
                    if (!marionettes || p.CanWorkBridge) suitable.Add(p);
                }

                var pair = suitable.Take(2).Select(p => p.Name);
                plan.Add($"{scene}: {string.Join(" & ", pair)}");
            }

            return plan;
        }, cancellationToken);
    }
}

/// <summary>
/// Casting desk actions arriving from the theatre's back-office web app.
/// </summary>
public sealed class CastingDesk
{
    private readonly CastRegistry _registry;

    public CastingDesk(CastRegistry registry) => _registry = registry;

    public void ContractSigned(string name, string speciality, bool bridge) =>
        _registry.Sign(new Puppeteer(name, speciality, bridge));

    public void ContractEnded(string name) => _registry.Release(name);
}
