using System.Collections.Immutable;

namespace Blind54.Recycling.Projections;

public sealed record MaterialWeighed(long Sequence, string Member, string Material, decimal Kilograms);

/// <summary>
/// Event-sourced projection of kilograms recycled per member, used by the depot's reward
/// scheme. Weigh-bridge events are applied as they arrive; operators can rebuild the whole
/// projection from the event log while members keep querying their totals.
/// </summary>
public sealed class MemberTotalsProjection
{
    private readonly object _applyLock = new();
    private readonly Func<IReadOnlyList<MaterialWeighed>> _readLog;
    private ImmutableDictionary<string, decimal> _totals = ImmutableDictionary<string, decimal>.Empty;
    private long _lastSequence;

    public MemberTotalsProjection(Func<IReadOnlyList<MaterialWeighed>> readLog) => _readLog = readLog;

    public decimal TotalFor(string member) =>
        Volatile.Read(ref _totals).TryGetValue(member, out var kg) ? kg : 0m;

    public IReadOnlyDictionary<string, decimal> All => Volatile.Read(ref _totals);

    public void Apply(MaterialWeighed e)
    {
        lock (_applyLock)
        {
            if (e.Sequence <= _lastSequence)
            {
                return;
            }

            var totals = _totals;
            Volatile.Write(ref _totals, totals.SetItem(e.Member, totals.GetValueOrDefault(e.Member) + e.Kilograms));
            _lastSequence = e.Sequence;
        }
    }

    /// <summary>Replays the event log into a fresh projection and swaps it in.</summary>
    public Task RebuildAsync() => Task.Run(() =>
    {
        var log = _readLog();
        var builder = ImmutableDictionary.CreateBuilder<string, decimal>();
        long last = 0;
        foreach (var e in log.OrderBy(e => e.Sequence))
        {
            builder[e.Member] = builder.GetValueOrDefault(e.Member) + e.Kilograms;
            last = e.Sequence;
        }

        lock (_applyLock)
        {
            // Events applied live after the log was read are replayed on top of the rebuilt state.
            foreach (var e in _readLog().Where(e => e.Sequence > last).OrderBy(e => e.Sequence))
            {
                builder[e.Member] = builder.GetValueOrDefault(e.Member) + e.Kilograms;
                last = e.Sequence;
            }

            Volatile.Write(ref _totals, builder.ToImmutable());
            _lastSequence = Math.Max(last, _lastSequence);
        }
    });
}
