namespace Blind38.Tapestry.Verification;

public sealed record WovenRow(int Pick, byte[] WeftColours);

/// <summary>
/// Verifies a finished tapestry section against its cartoon by computing a checksum for
/// every pick. The verification is started when the section comes off the loom and its
/// result collected later by the workshop's QA screen.
/// </summary>
public sealed class SectionVerifier
{
    private readonly IReadOnlyList<WovenRow> _rows;
    private readonly uint[] _rowChecksums;
    private Task? _verification;
    private int _started;

    public SectionVerifier(IReadOnlyList<WovenRow> rows)
    {
        _rows = rows;
        _rowChecksums = new uint[rows.Count];
    }

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        Volatile.Write(ref _verification, Task.Run(ComputeChecksums));
    }

    /// <summary>Returns the picks whose checksum differs from the cartoon's expected values.</summary>
    public async Task<IReadOnlyList<int>> GetMismatchesAsync(IReadOnlyList<uint> expected)
    {
        var verification = Volatile.Read(ref _verification) ?? throw new InvalidOperationException("Verification not started.");
        await verification.ConfigureAwait(false);

        var mismatches = new List<int>();
        for (var i = 0; i < _rowChecksums.Length && i < expected.Count; i++)
        {
            if (_rowChecksums[i] != expected[i])
            {
                mismatches.Add(_rows[i].Pick);
            }
        }

        return mismatches;
    }

    private void ComputeChecksums()
    {
        for (var i = 0; i < _rows.Count; i++)
        {
            _rowChecksums[i] = Fnv1a(_rows[i].WeftColours);
        }
    }

    private static uint Fnv1a(byte[] data)
    {
        var hash = 2166136261u;
        foreach (var b in data)
        {
            hash ^= b;
            hash *= 16777619u;
        }

        return hash;
    }
}

/// <summary>QA workflow: start verification when a section is cut off, report once reviewed.</summary>
public sealed class SectionQaWorkflow
{
    public async Task<string> ReviewAsync(IReadOnlyList<WovenRow> rows, IReadOnlyList<uint> expected, Func<Task> waitForReviewer)
    {
        var verifier = new SectionVerifier(rows);
        verifier.Start();

        await waitForReviewer().ConfigureAwait(false);

        var mismatches = await verifier.GetMismatchesAsync(expected).ConfigureAwait(false);
        return mismatches.Count == 0
            ? "Section matches cartoon."
            : $"Re-check picks: {string.Join(", ", mismatches)}";
    }
}
