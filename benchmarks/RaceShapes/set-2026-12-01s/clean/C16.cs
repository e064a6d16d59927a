namespace TailorShop.Workroom;

public enum JobStage { Measured, Cut, Sewn, Pressed, Ready }

public sealed class AlterationJob
{
    public AlterationJob(int number, string customer, string description)
    {
        Number = number;
        Customer = customer;
        Description = description;
    }

    public int Number { get; }
    public string Customer { get; }
    public string Description { get; }
    public JobStage Stage { get; set; }
    public List<string> Notes { get; } = new();
}

public sealed record JobCard(int Number, string Customer, string Description, JobStage Stage, IReadOnlyList<string> Notes);

/// <summary>
/// Workroom job list shared by the counter app and the seamstress tablets through the
/// shop's SignalR hub; every public member is called from concurrent hub invocations.
/// </summary>
public sealed class WorkroomJobs
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<int, AlterationJob> _jobs = new();
    private int _next = 1;

    public int Create(string customer, string description)
    {
        _lock.EnterWriteLock();
        try
        {
            var job = new AlterationJob(_next++, customer, description);
            _jobs.Add(job.Number, job);
            return job.Number;
        }
        finally { _lock.ExitWriteLock(); }
    }

    public bool AddNote(int number, string note)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_jobs.TryGetValue(number, out var job))
                return false;
            job.Notes.Add(note);
            return true;
        }
        finally { _lock.ExitWriteLock(); }
    }

    public bool MoveTo(int number, JobStage stage)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_jobs.TryGetValue(number, out var job) || job.Stage >= stage)
                return false;

            _lock.EnterWriteLock();
            try { job.Stage = stage; }
            finally { _lock.ExitWriteLock(); }
            return true;
        }
        finally { _lock.ExitUpgradeableReadLock(); }
    }

    public IReadOnlyList<JobCard> Board()
    {
        _lock.EnterReadLock();
        try
        {
            return _jobs.Values
                .OrderBy(j => j.Stage)
                .ThenBy(j => j.Number)
                .Select(j => new JobCard(j.Number, j.Customer, j.Description, j.Stage, j.Notes.ToArray()))
                .ToList();
        }
        finally { _lock.ExitReadLock(); }
    }
}
