using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// FL1001 on a field stored after the storing code completed a task that another member awaits before it reads the
/// field: the awaiting member can resume, on another thread, before the store.
/// </summary>
public class StoresAfterCompletionTests
{
    /// <summary>Blind set p, R16: the model run's time is stored after the forecast is handed to the awaiting report.</summary>
    [Fact]
    public Task Field_stored_after_the_result_is_set_while_the_awaiting_member_reads_it()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Run("""
                _completion.TrySetResult(forecast);
                }
                catch (Exception ex)
                {
                    _completion.TrySetException(ex);
                }

                {|#0:_modelRunTime = stopwatch.Elapsed|};
                """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(19, 17, 19, 51)
                .WithArguments("_modelRunTime", "Start", "it is stored after '_completion' was completed at line 19, and 'GetReportAsync' reads it once it has awaited '_completion.Task'"));

    [Fact]
    public Task Field_stored_before_the_result_is_set_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Run("""
            _modelRunTime = stopwatch.Elapsed;
            _completion.TrySetResult(forecast);
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
            }
            """));

    /// <summary>Stored in the other branch than the completion: the two never run one after the other.</summary>
    [Fact]
    public Task Field_stored_instead_of_completing_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Run("""
            if (forecast.Length > 0)
            {
                _completion.TrySetResult(forecast);
            }
            else
            {
                _modelRunTime = stopwatch.Elapsed;
            }
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
            }
            """));

    [Fact]
    public Task Field_the_awaiting_member_does_not_read_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Run("""
            _completion.TrySetResult(forecast);
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
            }

            _modelRunTime = stopwatch.Elapsed;
            """).Replace("return (forecast, _modelRunTime);", "return (forecast, TimeSpan.Zero);"));

    /// <summary>
    /// Blind set v, R14: the dispatcher completes the job's own completion source, then fills in the courier that the
    /// submitting member reads once its await of that source resumes.
    /// </summary>
    [Fact]
    public Task Member_of_the_object_stored_after_completing_its_source()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class DeliveryJob
            {
                public string? AssignedCourier { get; set; }
                internal TaskCompletionSource Assigned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            public sealed class CourierDispatcher
            {
                private readonly ConcurrentQueue<DeliveryJob> _waiting = new();

                public async Task<string> SubmitAsync(DeliveryJob job, CancellationToken ct)
                {
                    _waiting.Enqueue(job);
                    await job.Assigned.Task.WaitAsync(ct).ConfigureAwait(false);
                    return job.AssignedCourier!;
                }

                public bool CourierAvailable(string courier)
                {
                    if (!_waiting.TryDequeue(out var job))
                    {
                        return false;
                    }

                    job.Assigned.TrySetResult();
                    {|#0:job.AssignedCourier = courier|};
                    return true;
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(30, 9, 30, 36)
                .WithArguments("AssignedCourier", "CourierAvailable", "it is stored after 'Assigned' was completed at line 30, and 'SubmitAsync' reads it once it has awaited 'Assigned.Task'"));

    private static string Run(string work) => $$"""
        using System;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class ForecastRun
        {
            private readonly TaskCompletionSource<double[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private TimeSpan _modelRunTime;

            public void Start(Func<double[]> model)
            {
                _ = Task.Run(() =>
                {
                    var stopwatch = Stopwatch.StartNew();
                    try
                    {
                        var forecast = model();
                        {{work.Replace("\n", "\n                ")}}
                });
            }

            public async Task<(double[], TimeSpan)> GetReportAsync(CancellationToken ct)
            {
                var forecast = await _completion.Task.WaitAsync(ct).ConfigureAwait(false);
                return (forecast, _modelRunTime);
            }
        }
        """;
}
