namespace Blind46.Observatory.Exposures;

public sealed record ExposureFrame(int Index, TimeSpan Exposure, double MedianAdu);

public interface ICcdCamera
{
    Task<ExposureFrame> ExposeAsync(int index, TimeSpan exposure, CancellationToken ct);

    void AbortExposure();
}

public sealed record SequenceResult(bool Aborted, IReadOnlyList<ExposureFrame> Frames);

/// <summary>
/// Runs a sequence of exposures on the telescope's CCD for one scheduled target.
/// The scheduler can abort a sequence when a higher-priority target rises.
/// </summary>
public sealed class ExposureSequence
{
    private readonly ICcdCamera _camera;

    public ExposureSequence(ICcdCamera camera) => _camera = camera;

    public async Task<SequenceResult> RunAsync(int count, TimeSpan exposure, TimeSpan budget, CancellationToken schedulerAbort)
    {
        var frames = new List<ExposureFrame>(count);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(schedulerAbort))
        {
            cts.CancelAfter(budget);

            using var registration = cts.Token.Register(() =>
            {
                _camera.AbortExposure();
                aborted.TrySetResult();
            });

            for (int i = 0; i < count; i++)
            {
                var exposeTask = _camera.ExposeAsync(i, exposure, cts.Token);
                var winner = await Task.WhenAny(exposeTask, aborted.Task).ConfigureAwait(false);
                if (winner != exposeTask)
                {
                    await IgnoreFailure(exposeTask).ConfigureAwait(false);
                    break;
                }

                try
                {
                    frames.Add(await exposeTask.ConfigureAwait(false));
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        return new SequenceResult(aborted.Task.IsCompleted, frames);
    }

    private static async Task IgnoreFailure(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch
        {
            // the exposure was abandoned; its outcome does not matter
        }
    }
}
