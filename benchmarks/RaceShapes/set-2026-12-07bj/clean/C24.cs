using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.Observatory.Scheduling
{
    public enum ObservationState
    {
        Queued,
        Running,
        Completed,
        Cancelled,
        Failed,
    }

    public sealed record ObservationRequest(string Id, string Target, TimeSpan Exposure);

    /// <summary>
    /// Queues observation requests for the telescope and lets astronomers withdraw
    /// them, whether still queued or already exposing. Each job owns a cancellation
    /// source that is disposed once the job has finished and been removed.
    /// </summary>
    public sealed class ObservationScheduler
    {
        private sealed class Job
        {
            public Job(ObservationRequest request) => Request = request;

            public ObservationRequest Request { get; }
            public CancellationTokenSource Cts { get; } = new();
        }

        private readonly object _gate = new();
        private readonly Dictionary<string, Job> _jobs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ObservationState> _states = new(StringComparer.Ordinal);
        private readonly SemaphoreSlim _telescope = new(1, 1);
        private readonly Func<ObservationRequest, CancellationToken, Task> _expose;

        public ObservationScheduler(Func<ObservationRequest, CancellationToken, Task> expose)
        {
            _expose = expose;
        }

        public Task SubmitAsync(ObservationRequest request)
        {
            var job = new Job(request);
            lock (_gate)
            {
                _jobs.Add(request.Id, job);
                _states[request.Id] = ObservationState.Queued;
            }

            job.Cts.Token.Register(() => SetState(request.Id, ObservationState.Cancelled, onlyIfNotFinished: true));
            return RunAsync(job);
        }

        private async Task RunAsync(Job job)
        {
            var id = job.Request.Id;
            var token = job.Cts.Token;
            try
            {
                await _telescope.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    SetState(id, ObservationState.Running, onlyIfNotFinished: true);
                    await _expose(job.Request, token).ConfigureAwait(false);
                    SetState(id, ObservationState.Completed, onlyIfNotFinished: false);
                }
                finally
                {
                    _telescope.Release();
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                SetState(id, ObservationState.Cancelled, onlyIfNotFinished: false);
            }
            catch (Exception)
            {
                SetState(id, ObservationState.Failed, onlyIfNotFinished: false);
            }
            finally
            {
                lock (_gate)
                {
                    _jobs.Remove(id);
                }

                job.Cts.Dispose();
            }
        }

        public bool Withdraw(string id)
        {
            lock (_gate)
            {
                if (!_jobs.TryGetValue(id, out var job))
                {
                    return false;
                }

                job.Cts.Cancel();
                return true;
            }
        }

        public ObservationState? StateOf(string id)
        {
            lock (_gate)
            {
                return _states.TryGetValue(id, out var state) ? state : null;
            }
        }

        private void SetState(string id, ObservationState state, bool onlyIfNotFinished)
        {
            lock (_gate)
            {
                if (onlyIfNotFinished && _states.TryGetValue(id, out var current) && current is ObservationState.Completed or ObservationState.Failed or ObservationState.Cancelled)
                {
                    return;
                }

                _states[id] = state;
            }
        }
    }
}
