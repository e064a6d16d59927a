namespace BranchLoans.Core;

public enum LoanState { Requested, InTransit, Received, Returned }

public sealed class InterBranchLoan
{
    public required Guid Id { get; init; }
    public required string Isbn { get; init; }
    public required string FromBranch { get; init; }
    public required string ToBranch { get; init; }
    public LoanState State { get; set; }
}

/// <summary>
/// In-memory register of inter-branch loans. One instance is shared by the circulation
/// desk API and the courier sync job; members are called from many threads at once.
/// </summary>
public sealed class LoanRegister
{
    private readonly object _gate = new();
    private readonly List<InterBranchLoan> _loans = new();

    public InterBranchLoan Request(string isbn, string from, string to)
    {
        var loan = new InterBranchLoan { Id = Guid.NewGuid(), Isbn = isbn, FromBranch = from, ToBranch = to };
        lock (_gate)
        {
            _loans.Add(loan);
        }
        return loan;
    }

    public bool MarkInTransit(Guid id)
    {
        lock (_gate)
        {
            var loan = _loans.Find(l => l.Id == id);
            if (loan is null || loan.State != LoanState.Requested) return false;
            loan.State = LoanState.InTransit;
            return true;
        }
    }

    public void PurgeReturned()
    {
        lock (_gate)
        {
            _loans.RemoveAll(l => l.State == LoanState.Returned);
        }
    }

    /// <summary>Number of open loans addressed to the given branch.</summary>
    public int CountIncoming(string branch)
    {
        var count = 0;
        foreach (var loan in _loans)
        {
            if (loan.ToBranch == branch)
                count++;
        }
        return count;
    }
}

public sealed class CourierSyncJob
{
    private readonly LoanRegister _register;
    public CourierSyncJob(LoanRegister register) => _register = register;

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
        while (await timer.WaitForNextTickAsync(ct))
        {
            _register.PurgeReturned();
        }
    }
}
