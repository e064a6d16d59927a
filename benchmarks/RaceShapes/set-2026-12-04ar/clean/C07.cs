using System.Security.Cryptography;
using System.Text;

namespace Blind44.KiteFestival.Experiments;

public sealed record Variant(string Name, int Weight);

/// <summary>
/// Assigns festival-site visitors to ticket-page experiments. Registered as a singleton in the
/// web app; every page view calls <see cref="Assign"/> from a request thread.
/// </summary>
public sealed class ExperimentAllocator
{
    private readonly IReadOnlyList<Variant> _variants;
    private readonly int _totalWeight;
    private readonly long[] _assignments;
    private readonly ThreadLocal<Random> _jitter = new(() => new Random(Environment.CurrentManagedThreadId * 7919));

    public ExperimentAllocator(string experimentName, IEnumerable<Variant> variants)
    {
        ExperimentName = experimentName;
        _variants = variants.ToArray();
        _totalWeight = _variants.Sum(v => v.Weight);
        _assignments = new long[_variants.Count];
    }

    public string ExperimentName { get; }

    /// <summary>Sticky assignment: the same visitor always lands in the same bucket.</summary>
    public Variant Assign(string visitorId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(ExperimentName + ":" + visitorId), hash);
        var bucket = (int)(BitConverter.ToUInt32(hash) % (uint)_totalWeight);

        for (int i = 0; i < _variants.Count; i++)
        {
            bucket -= _variants[i].Weight;
            if (bucket < 0)
            {
                Interlocked.Increment(ref _assignments[i]);
                return _variants[i];
            }
        }

        Interlocked.Increment(ref _assignments[^1]);
        return _variants[^1];
    }

    /// <summary>Anonymous visitors get a random bucket; a per-thread generator avoids contention.</summary>
    public Variant AssignAnonymous()
    {
        var bucket = _jitter.Value!.Next(_totalWeight);
        for (int i = 0; i < _variants.Count; i++)
        {
            bucket -= _variants[i].Weight;
            if (bucket < 0)
            {
                Interlocked.Increment(ref _assignments[i]);
                return _variants[i];
            }
        }
        return _variants[^1];
    }

    public IReadOnlyDictionary<string, long> Counts()
    {
        var result = new Dictionary<string, long>();
        for (int i = 0; i < _variants.Count; i++)
            result[_variants[i].Name] = Interlocked.Read(ref _assignments[i]);
        return result;
    }
}
