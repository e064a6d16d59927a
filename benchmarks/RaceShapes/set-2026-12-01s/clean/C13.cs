namespace InterpreterDispatch.Queue;

public sealed record InterpreterJob(Guid Id, string SignLanguage, string Location, DateTimeOffset Start);

public sealed record JobOffer(Guid JobId, string InterpreterId);

/// <summary>
/// Open jobs waiting for an interpreter to claim them. Registered as a singleton: the
/// booking endpoint awaits <see cref="WaitForClaimAsync"/> with the caller's abort
/// token and the interpreter app calls <see cref="Claim"/>.
/// </summary>
public sealed class JobBoard
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, Waiter> _waiting = new();

    private sealed class Waiter
    {
        public Waiter(InterpreterJob job) => Job = job;
        public InterpreterJob Job { get; }
        public TaskCompletionSource<JobOffer> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration;
    }

    public Task<JobOffer> WaitForClaimAsync(InterpreterJob job, CancellationToken ct)
    {
        var waiter = new Waiter(job);
        lock (_gate)
        {
            _waiting.Add(job.Id, waiter);
            waiter.Registration = ct.Register(() =>
            {
                lock (_gate)
                {
                    _waiting.Remove(job.Id);
                }
                waiter.Result.TrySetCanceled(ct);
            });
        }
        return waiter.Result.Task;
    }

    public bool Claim(Guid jobId, string interpreterId)
    {
        Waiter? waiter;
        CancellationTokenRegistration registration;
        lock (_gate)
        {
            if (!_waiting.Remove(jobId, out waiter))
                return false;
            registration = waiter.Registration;
        }

        registration.Dispose();
        return waiter.Result.TrySetResult(new JobOffer(jobId, interpreterId));
    }

    public IReadOnlyList<InterpreterJob> Open()
    {
        lock (_gate)
        {
            return _waiting.Values.Select(w => w.Job).OrderBy(j => j.Start).ToList();
        }
    }
}
