using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Carillon.Practice;

public readonly record struct KeyStrike(int Bell, int VelocityPercent, DateTime AtUtc);

/// <summary>Reads one bank of practice-console key sensors and raises a strike from its own loop.</summary>
public sealed class KeySensorBank
{
    private readonly Func<(int Bell, int Velocity)?> _poll;

    public KeySensorBank(Func<(int Bell, int Velocity)?> poll) => _poll = poll;

    public event EventHandler<KeyStrike>? Struck;

    public Task RunAsync(CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            if (_poll() is { } hit)
                Struck?.Invoke(this, new KeyStrike(hit.Bell, hit.Velocity, DateTime.UtcNow));
            else
                await Task.Delay(2, CancellationToken.None);
        }
    });
}

public interface IPracticeRecorder
{
    Task SaveAsync(KeyStrike strike);
}

/// <summary>View-model for a carillonneur's practice session: strikes per bell and the hardest strike.</summary>
public sealed class PracticeSessionViewModel
{
    private readonly SemaphoreSlim _stateLock = new(1, 1);
    private readonly IPracticeRecorder _recorder;
    private readonly int[] _strikesPerBell;
    private int _hardestVelocity;

    public PracticeSessionViewModel(IPracticeRecorder recorder, int bells, params KeySensorBank[] banks)
    {
        _recorder = recorder;
        _strikesPerBell = new int[bells];
        foreach (var bank in banks)
            bank.Struck += OnStruck;
    }

    private async void OnStruck(object? sender, KeyStrike strike)
    {
        try
        {
            await _recorder.SaveAsync(strike);

            await _stateLock.WaitAsync();
            try
            {
                if (strike.Bell >= 1 && strike.Bell <= _strikesPerBell.Length)
                    _strikesPerBell[strike.Bell - 1]++;
                if (strike.VelocityPercent > _hardestVelocity)
                    _hardestVelocity = strike.VelocityPercent;
            }
            finally
            {
                _stateLock.Release();
            }
        }
        catch (Exception)
        {
            // a failed save must not stop the session
        }
    }

    public async Task<(int[] StrikesPerBell, int HardestVelocity)> SnapshotAsync()
    {
        await _stateLock.WaitAsync();
        try
        {
            return ((int[])_strikesPerBell.Clone(), _hardestVelocity);
        }
        finally
        {
            _stateLock.Release();
        }
    }
}
