namespace Blind26.CaveRescue.Sump;

public interface IDiveComms
{
    Task SendDownAsync(string diver, CancellationToken ct);
    void Recall(string diver);
}

/// <summary>
/// Coordinates divers going through a flooded sump during a rescue. The surface controller
/// can abort at any time; the abort token is cancelled from the controller console's thread.
/// </summary>
public sealed class SumpDiveOperation
{
    private readonly object _gate = new();
    private readonly List<string> _inWater = new();
    private readonly IDiveComms _comms;
    private bool _aborted;

    public SumpDiveOperation(IDiveComms comms) => _comms = comms;

    public async Task<int> RunAsync(IReadOnlyList<string> divers, TimeSpan spacing, CancellationToken abort)
    {
        using var registration = abort.Register(OnAbort);
        int sent = 0;

        foreach (string diver in divers)
        {
            lock (_gate)
            {
                if (_aborted)
                {
                    break;
                }

                _inWater.Add(diver);
            }

            await _comms.SendDownAsync(diver, CancellationToken.None).ConfigureAwait(false);
            sent++;

            try
            {
                await Task.Delay(spacing, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return sent;
    }

    public void Surfaced(string diver)
    {
        lock (_gate)
        {
            _inWater.Remove(diver);
        }
    }

    public IReadOnlyList<string> InWater
    {
        get
        {
            lock (_gate)
            {
                return _inWater.ToArray();
            }
        }
    }

    private void OnAbort()
    {
        string[] toRecall;
        lock (_gate)
        {
            _aborted = true;
            toRecall = _inWater.ToArray();
        }

        foreach (string diver in toRecall)
        {
            _comms.Recall(diver);
        }
    }
}
