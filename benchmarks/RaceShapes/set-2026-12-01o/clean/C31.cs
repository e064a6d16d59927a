namespace Solar.CleaningDrones.Flight;

public enum SortieOutcome
{
    Completed,
    AbortedByOperator,
    LowBattery,
}

public interface IDroneLink
{
    int BatteryPercent { get; }
    bool CleanNextPanel();
    void ReturnToDock();
}

/// <summary>
/// Flies one cleaning sortie along a panel row. The operator can abort from the site
/// tablet by cancelling the token; the flight loop checks the abort flag between panels.
/// </summary>
public sealed class CleaningSortie
{
    private readonly IDroneLink _link;
    private int _abortRequested;
    private int _panelsCleaned;

    public CleaningSortie(IDroneLink link) => _link = link;

    public int PanelsCleaned => Volatile.Read(ref _panelsCleaned);

    public Task<SortieOutcome> FlyAsync(int panels, CancellationToken operatorAbort)
    {
        var outcome = new TaskCompletionSource<SortieOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = operatorAbort.Register(() => Interlocked.Exchange(ref _abortRequested, 1));

        _ = Task.Run(() =>
        {
            try
            {
                for (var i = 0; i < panels; i++)
                {
                    if (Volatile.Read(ref _abortRequested) == 1)
                    {
                        _link.ReturnToDock();
                        outcome.TrySetResult(SortieOutcome.AbortedByOperator);
                        return;
                    }

                    if (_link.BatteryPercent < 20)
                    {
                        _link.ReturnToDock();
                        outcome.TrySetResult(SortieOutcome.LowBattery);
                        return;
                    }

                    if (_link.CleanNextPanel())
                    {
                        Interlocked.Increment(ref _panelsCleaned);
                    }
                }

                _link.ReturnToDock();
                outcome.TrySetResult(SortieOutcome.Completed);
            }
            catch (Exception ex)
            {
                outcome.TrySetException(ex);
            }
            finally
            {
                registration.Dispose();
            }
        });

        return outcome.Task;
    }
}
