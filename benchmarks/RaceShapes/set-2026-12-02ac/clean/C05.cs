using Microsoft.Extensions.Hosting;

namespace Blind29.QuarryBlasting.Countdown;

public enum BlastPhase { Idle, Warning, Clearance, Fired, Aborted }

public sealed record BlastStatus(string? ShotId, BlastPhase Phase, int SecondsRemaining, DateTimeOffset UpdatedAt);

public interface ISiren
{
    void Sound(BlastPhase phase);
}

/// <summary>
/// Runs the pre-blast warning sequence. The shot-firer's console arms a shot and may
/// abort it; the site screens read <see cref="Status"/>. The countdown itself is owned
/// by the service loop.
/// </summary>
public sealed class BlastCountdownService : BackgroundService
{
    private readonly ISiren _siren;
    private volatile BlastStatus _status = new(null, BlastPhase.Idle, 0, DateTimeOffset.UtcNow);
    private string? _armedShot;
    private int _abortRequested;

    public BlastCountdownService(ISiren siren) => _siren = siren;

    public BlastStatus Status => _status;

    public bool Arm(string shotId) => Interlocked.CompareExchange(ref _armedShot, shotId, null) is null;

    public void Abort()
    {
        if (Volatile.Read(ref _armedShot) is not null)
        {
            Interlocked.Exchange(ref _abortRequested, 1);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        string? shot = null;
        var remaining = 0;
        var phase = BlastPhase.Idle;

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (shot is null)
            {
                shot = Volatile.Read(ref _armedShot);
                if (shot is null)
                {
                    continue;
                }

                phase = BlastPhase.Warning;
                remaining = 120;
                _siren.Sound(phase);
            }

            if (Interlocked.Exchange(ref _abortRequested, 0) == 1)
            {
                phase = BlastPhase.Aborted;
                _siren.Sound(phase);
            }
            else if (--remaining == 60 && phase == BlastPhase.Warning)
            {
                phase = BlastPhase.Clearance;
                _siren.Sound(phase);
            }
            else if (remaining == 0)
            {
                phase = BlastPhase.Fired;
            }

            _status = new BlastStatus(shot, phase, remaining, DateTimeOffset.UtcNow);

            if (phase is BlastPhase.Fired or BlastPhase.Aborted)
            {
                Interlocked.Exchange(ref _abortRequested, 0);
                Interlocked.CompareExchange(ref _armedShot, null, shot);
                shot = null;
                phase = BlastPhase.Idle;
            }
        }
    }
}
