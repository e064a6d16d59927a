using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Homestead.Automation.Routines
{
    public sealed record SwitchCommand(string DeviceId, bool On, int Level);

    public sealed record RoutineStep(TimeSpan Wait, SwitchCommand Command);

    public interface IZigbeeGateway
    {
        Task ApplyAsync(SwitchCommand command, CancellationToken ct);
    }

    /// <summary>
    /// Runs a wake-up routine (lights ramping up, blinds opening). <see cref="Abort"/> is called
    /// by the wall panel or the phone app when someone overrides the routine; devices the
    /// routine already changed are put back.
    /// </summary>
    public sealed class RoutineRunner : IDisposable
    {
        private readonly IZigbeeGateway _gateway;
        private readonly object _sync = new();
        private readonly List<SwitchCommand> _changed = new();
        private readonly CancellationTokenSource _abort = new();

        public RoutineRunner(IZigbeeGateway gateway) => _gateway = gateway;

        public async Task RunAsync(IReadOnlyList<RoutineStep> steps)
        {
            var ct = _abort.Token;
            using var registration = ct.Register(RevertChanged);

            foreach (var step in steps)
            {
                if (step.Wait > TimeSpan.Zero)
                    await Task.Delay(step.Wait, ct).ConfigureAwait(false);

                await _gateway.ApplyAsync(step.Command, ct).ConfigureAwait(false);

                bool revertNow;
                lock (_sync)
                {
                    revertNow = ct.IsCancellationRequested;
                    if (!revertNow)
                        _changed.Add(step.Command);
                }

                if (revertNow)
                {
                    await _gateway.ApplyAsync(step.Command with { On = !step.Command.On }, CancellationToken.None).ConfigureAwait(false);
                    return;
                }
            }
        }

        public void Abort() => _abort.Cancel();

        private void RevertChanged()
        {
            SwitchCommand[] toRevert;
            lock (_sync)
            {
                toRevert = _changed.ToArray();
                _changed.Clear();
            }

            for (int i = toRevert.Length - 1; i >= 0; i--)
                _ = _gateway.ApplyAsync(toRevert[i] with { On = !toRevert[i].On }, CancellationToken.None);
        }

        public void Dispose() => _abort.Dispose();
    }
}
