using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Homestead.Automation.Scenes
{
    public sealed record DeviceCommand(string DeviceId, string Action, int Value);

    public sealed record SceneStep(TimeSpan Delay, DeviceCommand Command);

    public interface IDeviceBus
    {
        Task SendAsync(DeviceCommand command, CancellationToken ct);
    }

    /// <summary>
    /// Plays a scene such as "Good night" step by step. <see cref="Cancel"/> is called by the
    /// mobile app integration or the voice assistant when the user overrides the scene; the
    /// devices that were already switched are then restored.
    /// </summary>
    public sealed class ScenePlayback : IDisposable
    {
        private readonly IDeviceBus _bus;
        private readonly List<DeviceCommand> _applied = new();
        private readonly CancellationTokenSource _cts = new();

        public ScenePlayback(IDeviceBus bus) => _bus = bus;

        public async Task PlayAsync(IReadOnlyList<SceneStep> steps)
        {
            var ct = _cts.Token;
            using var registration = ct.Register(RestoreApplied);

            foreach (var step in steps)
            {
                if (step.Delay > TimeSpan.Zero)
                    await Task.Delay(step.Delay, ct).ConfigureAwait(false);

                await _bus.SendAsync(step.Command, ct).ConfigureAwait(false);
                _applied.Add(step.Command);
            }
        }

        public void Cancel() => _cts.Cancel();

        private void RestoreApplied()
        {
            for (int i = _applied.Count - 1; i >= 0; i--)
            {
                var restore = _applied[i] with { Action = "restore" };
                _ = _bus.SendAsync(restore, CancellationToken.None);
            }
            _applied.Clear();
        }

        public void Dispose() => _cts.Dispose();
    }
}
