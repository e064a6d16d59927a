using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.Quarry.DetonatorLink;

public enum LinkState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Circuit breaker for the radio link to the blast-initiation boxes. Shared by
/// every arming and status request in the quarry control service.
/// </summary>
public sealed class DetonatorLinkBreaker
{
    private sealed record Snapshot(LinkState State, int Failures, DateTimeOffset OpenedAt);

    private static readonly Snapshot ClosedClean = new(LinkState.Closed, 0, default);

    private readonly int _threshold;
    private readonly TimeSpan _coolDown;
    private readonly TimeProvider _clock;
    private Snapshot _snapshot = ClosedClean;

    public DetonatorLinkBreaker(int threshold, TimeSpan coolDown, TimeProvider clock)
    {
        _threshold = threshold;
        _coolDown = coolDown;
        _clock = clock;
    }

    public LinkState State => Volatile.Read(ref _snapshot).State;

    public bool TryEnter()
    {
        while (true)
        {
            var current = Volatile.Read(ref _snapshot);
            switch (current.State)
            {
                case LinkState.Closed:
                    return true;
                case LinkState.HalfOpen:
                    return false;
            }

            if (_clock.GetUtcNow() - current.OpenedAt < _coolDown)
            {
                return false;
            }

            var probing = current with { State = LinkState.HalfOpen };
            if (ReferenceEquals(Interlocked.CompareExchange(ref _snapshot, probing, current), current))
            {
                return true;
            }
        }
    }

    public void OnSuccess() => Volatile.Write(ref _snapshot, ClosedClean);

    public void OnFailure()
    {
        while (true)
        {
            var current = Volatile.Read(ref _snapshot);
            Snapshot next;
            if (current.State == LinkState.HalfOpen || current.Failures + 1 >= _threshold)
            {
                next = new Snapshot(LinkState.Open, current.Failures + 1, _clock.GetUtcNow());
            }
            else
            {
                next = current with { Failures = current.Failures + 1 };
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _snapshot, next, current), current))
            {
                return;
            }
        }
    }
}

public interface IInitiationBoxRadio
{
    Task<bool> PingAsync(string boxId, CancellationToken ct);
}

/// <summary>
/// Status checks issued by the shot-firer's tablet before a blast.
/// </summary>
public sealed class BlastReadinessChecker
{
    private readonly DetonatorLinkBreaker _breaker;
    private readonly IInitiationBoxRadio _radio;

    public BlastReadinessChecker(DetonatorLinkBreaker breaker, IInitiationBoxRadio radio)
    {
        _breaker = breaker;
        _radio = radio;
    }

    public async Task<bool?> IsBoxReadyAsync(string boxId, CancellationToken ct)
    {
        if (!_breaker.TryEnter())
        {
            return null;
        }

        try
        {
            bool ready = await _radio.PingAsync(boxId, ct).ConfigureAwait(false);
            _breaker.OnSuccess();
            return ready;
        }
        catch (TimeoutException)
        {
            _breaker.OnFailure();
            return null;
        }
    }
}
