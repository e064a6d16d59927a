namespace LibraryReturns.Reconciliation;

public sealed record ReconcileProgress(int Done, int Total, int Missing);

public sealed record LoanRecord(string Barcode, string Borrower, bool ReturnedAtDesk);

/// <summary>
/// Reconciles the night's drop-box scans against the loan system and reports progress while
/// it runs. Lookups are done in parallel.
/// </summary>
public sealed class ReturnsReconciler
{
    private readonly Func<string, LoanRecord?> _lookup;

    public ReturnsReconciler(Func<string, LoanRecord?> lookup) => _lookup = lookup;

    public IReadOnlyList<string> Reconcile(IReadOnlyList<string> scannedBarcodes, IProgress<ReconcileProgress>? progress,
        CancellationToken ct)
    {
        int done = 0;
        int missing = 0;
        var results = new string?[scannedBarcodes.Count];

        Parallel.For(0, scannedBarcodes.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = 6 }, i =>
        {
            var loan = _lookup(scannedBarcodes[i]);
            if (loan is null)
            {
                Interlocked.Increment(ref missing);
                results[i] = $"{scannedBarcodes[i]}: no open loan";
            }
            else if (loan.ReturnedAtDesk)
            {
                results[i] = $"{scannedBarcodes[i]}: already returned by {loan.Borrower}";
            }

            int finished = Interlocked.Increment(ref done);
            if (finished % 50 == 0 || finished == scannedBarcodes.Count)
            {
                progress?.Report(new ReconcileProgress(finished, scannedBarcodes.Count, Volatile.Read(ref missing)));
            }
        });

        return results.Where(r => r is not null).Select(r => r!).ToList();
    }
}

/// <summary>Prints progress to the librarian's terminal; reports may arrive from several threads.</summary>
public sealed class TerminalProgress : IProgress<ReconcileProgress>
{
    private readonly object _gate = new();
    private readonly TextWriter _out;
    private int _lastPercent = -1;
    private int _reports;

    public TerminalProgress(TextWriter output) => _out = output;

    public void Report(ReconcileProgress value)
    {
        int percent = value.Total == 0 ? 100 : value.Done * 100 / value.Total;
        lock (_gate)
        {
            _reports++;
            if (percent <= _lastPercent)
            {
                return;
            }
            _lastPercent = percent;
            _out.WriteLine($"[{percent,3}%] {value.Done}/{value.Total}, {value.Missing} without a loan");
        }
    }

    public int ReportsReceived
    {
        get
        {
            lock (_gate)
            {
                return _reports;
            }
        }
    }
}
