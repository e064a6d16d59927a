namespace InterpreterDispatch.Matching;

public sealed record InterpretingRequest(Guid Id, string SignLanguage, string Venue, DateTimeOffset Start, TimeSpan Duration);

public sealed record InterpreterAssignment(Guid RequestId, string InterpreterId, DateTimeOffset AcceptedAt);

/// <summary>
/// Matches open interpreting requests with interpreters. Registered as a singleton:
/// the booking endpoint awaits <see cref="WaitForInterpreterAsync"/> (with the
/// request's abort token), and the interpreters' mobile app calls <see cref="Accept"/>.
/// </summary>
public sealed class DispatchBoard
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, PendingRequest> _pending = new();

    private sealed class PendingRequest
    {
        public PendingRequest(InterpretingRequest request) => Request = request;

        public InterpretingRequest Request { get; }
        public TaskCompletionSource<InterpreterAssignment> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration { get; set; }
    }

    public Task<InterpreterAssignment> WaitForInterpreterAsync(InterpretingRequest request, CancellationToken ct)
    {
        var pending = new PendingRequest(request);
        lock (_gate)
        {
            _pending.Add(request.Id, pending);
            pending.Registration = ct.Register(() =>
            {
                // Caller gave up (browser closed or booking withdrawn).
                _pending.Remove(request.Id);
                pending.Completion.TrySetCanceled(ct);
            });
        }
        return pending.Completion.Task;
    }

    public bool Accept(Guid requestId, string interpreterId)
    {
        PendingRequest? pending;
        CancellationTokenRegistration registration;
        lock (_gate)
        {
            if (!_pending.Remove(requestId, out pending))
                return false;
            registration = pending.Registration;
        }

        registration.Dispose();
        return pending.Completion.TrySetResult(
            new InterpreterAssignment(requestId, interpreterId, DateTimeOffset.UtcNow));
    }

    public IReadOnlyList<InterpretingRequest> OpenRequests(string signLanguage)
    {
        lock (_gate)
        {
            return _pending.Values
                .Select(p => p.Request)
                .Where(r => string.Equals(r.SignLanguage, signLanguage, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.Start)
                .ToList();
        }
    }
}
