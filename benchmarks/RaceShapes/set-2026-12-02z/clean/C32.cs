using System.Collections.Concurrent;

namespace Blind26.Falconry.Draw;

public sealed record FlightSlot(string Field, int Order, string Falconer, string Bird);

/// <summary>
/// Draws the flying order for each field of a falconry meet. Fields are drawn in parallel;
/// each worker thread shuffles with its own random generator.
/// </summary>
public sealed class FlyingOrderDraw : IDisposable
{
    private readonly ThreadLocal<Random> _random;
    private readonly object _auditLock = new();
    private readonly List<string> _audit = new();

    public FlyingOrderDraw(int seed)
    {
        int nextSeed = seed;
        _random = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref nextSeed)));
    }

    public IReadOnlyList<FlightSlot> Draw(IReadOnlyDictionary<string, IReadOnlyList<(string Falconer, string Bird)>> entriesByField)
    {
        var slots = new ConcurrentBag<FlightSlot>();

        Parallel.ForEach(entriesByField, field =>
        {
            var rng = _random.Value!;
            var entries = field.Value.ToArray();
            for (int i = entries.Length - 1; i > 0; i--)
            {
                int j = rng.Next(i + 1);
                (entries[i], entries[j]) = (entries[j], entries[i]);
            }

            for (int i = 0; i < entries.Length; i++)
            {
                slots.Add(new FlightSlot(field.Key, i + 1, entries[i].Falconer, entries[i].Bird));
            }

            lock (_auditLock)
            {
                _audit.Add($"{DateTime.UtcNow:O} drew {entries.Length} entrants for {field.Key} on thread {Environment.CurrentManagedThreadId}");
            }
        });

        return slots.OrderBy(s => s.Field).ThenBy(s => s.Order).ToList();
    }

    public IReadOnlyList<string> AuditTrail()
    {
        lock (_auditLock)
        {
            return _audit.ToArray();
        }
    }

    public void Dispose() => _random.Dispose();
}
