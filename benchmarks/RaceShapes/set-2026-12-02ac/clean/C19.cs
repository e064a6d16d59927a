using System.Collections.Concurrent;

namespace Blind29.Herbarium.Loans;

public sealed record SpecimenLoan(string LoanId, string Institution, int Sheets, DateOnly DueBack);

public sealed class LoanOverdueEventArgs : EventArgs
{
    public LoanOverdueEventArgs(SpecimenLoan loan, int daysOverdue)
    {
        Loan = loan;
        DaysOverdue = daysOverdue;
    }

    public SpecimenLoan Loan { get; }
    public int DaysOverdue { get; }
}

/// <summary>
/// Checks outgoing specimen loans on a background task and reports the overdue ones.
/// </summary>
public sealed class LoanWatcher
{
    private readonly IReadOnlyList<SpecimenLoan> _loans;
    private readonly Action<LoanOverdueEventArgs> _overdue;

    public LoanWatcher(IReadOnlyList<SpecimenLoan> loans, Action<LoanOverdueEventArgs> overdue)
    {
        _loans = loans;
        _overdue = overdue;
    }

    public Task ScanAsync(DateOnly today) => Task.Run(() =>
    {
        foreach (var loan in _loans)
        {
            var days = today.DayNumber - loan.DueBack.DayNumber;
            if (days > 0)
            {
                _overdue(new LoanOverdueEventArgs(loan, days));
            }
        }
    });
}

/// <summary>View model behind the curator's loans screen.</summary>
public sealed class LoansViewModel
{
    private readonly ConcurrentQueue<string> _messages = new();
    private int _overdueCount;
    private int _overdueSheets;

    public int OverdueCount => Volatile.Read(ref _overdueCount);
    public int OverdueSheets => Volatile.Read(ref _overdueSheets);

    public IReadOnlyCollection<string> Messages => _messages.ToArray();

    public void OnOverdue(LoanOverdueEventArgs e)
    {
        Interlocked.Increment(ref _overdueCount);
        Interlocked.Add(ref _overdueSheets, e.Loan.Sheets);
        _messages.Enqueue($"{e.Loan.LoanId} ({e.Loan.Institution}) is {e.DaysOverdue} days overdue");
    }

    public async Task RefreshAsync(IEnumerable<IReadOnlyList<SpecimenLoan>> batches, DateOnly today)
    {
        var watchers = batches.Select(b => new LoanWatcher(b, OnOverdue));
        await Task.WhenAll(watchers.Select(w => w.ScanAsync(today)));
    }
}
