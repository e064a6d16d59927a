namespace Blind60.TypeFoundry.Castings;

/// <summary>
/// Issues matrix serial numbers for the foundry's casting machines. Each caster
/// requests numbers on its own worker; the numbers must be unique and gap-free per block.
/// Registered as an app-wide singleton.
/// </summary>
public sealed class MatrixSerialGenerator
{
    private long _last;

    public MatrixSerialGenerator(long lastIssued) => _last = lastIssued;

    public long Next() => Interlocked.Increment(ref _last);

    /// <summary>Reserves a contiguous block and returns the first number in it.</summary>
    public long Reserve(int count)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count));
        var end = Interlocked.Add(ref _last, count);
        return end - count + 1;
    }

    public long LastIssued => Interlocked.Read(ref _last);
}

public sealed record CastSort(long Serial, char Character, int PointSize, string Face);

public sealed class CastingMachine
{
    private readonly string _name;
    private readonly MatrixSerialGenerator _serials;

    public CastingMachine(string name, MatrixSerialGenerator serials)
    {
        _name = name;
        _serials = serials;
    }

    public string Name => _name;

    public IReadOnlyList<CastSort> CastFount(string face, int pointSize, string characters)
    {
        var first = _serials.Reserve(characters.Length);
        var sorts = new CastSort[characters.Length];
        for (int i = 0; i < characters.Length; i++)
        {
            sorts[i] = new CastSort(first + i, characters[i], pointSize, face);
        }
        return sorts;
    }
}

public static class CastingShift
{
    public static async Task<int> RunAsync(IEnumerable<CastingMachine> machines, string face, CancellationToken ct)
    {
        var jobs = machines.Select(m => Task.Run(() =>
        {
            var total = 0;
            foreach (var size in new[] { 8, 10, 12, 14, 18, 24 })
            {
                ct.ThrowIfCancellationRequested();
                total += m.CastFount(face, size, "abcdefghijklmnopqrstuvwxyz").Count;
            }
            return total;
        }, ct));

        var counts = await Task.WhenAll(jobs);
        return counts.Sum();
    }
}
