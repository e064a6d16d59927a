using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The shapes blind set bg (session 62) found missing, minimized (#9): an attempt abandoned by <c>Task.WhenAny</c> that
/// goes on changing a local it shares with the retry loop; a handler of an event another class raises on a thread it
/// starts, beside the subscriber's public loop that changes the same state through a private helper.
/// </summary>
public class SetBgShapeTests
{
    private static string Retry(string loopBody) => $$"""
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class WeatherClient
        {
            private readonly HttpClient _http = new();

            public async Task<string> GetAsync(string station, CancellationToken ct)
            {
                int failures = 0;

                async Task<string?> AttemptAsync()
                {
                    try
                    {
                        return await _http.GetStringAsync("stations/" + station, ct).ConfigureAwait(false);
                    }
                    catch (HttpRequestException)
                    {
                        {|#0:failures++|};
                        return null;
                    }
                }

                for (int attempt = 1; attempt <= 4; attempt++)
                {
                    {{loopBody}}
                }

                throw new TimeoutException(station + ": " + failures + " failures");
            }
        }
        """;

    [Fact]
    public Task Attempt_abandoned_by_WhenAny_changes_a_local_the_loop_changes_too()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Retry("""
                var fetch = {|#1:AttemptAsync()|};
                        var winner = await Task.WhenAny(fetch, Task.Delay(3000, ct)).ConfigureAwait(false);
                        if (winner == fetch && await fetch.ConfigureAwait(false) is { } report)
                        {
                            return report;
                        }

                        if (winner != fetch)
                        {
                            {|#2:failures++|};
                        }
                """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "failures", "AttemptAsync", "'AttemptAsync' runs on several threads (started at line 29)"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(2).WithLocation(1).WithArguments(
                "failures", "GetAsync", "'GetAsync' runs on several threads (started at line 29)"));

    [Fact]
    public Task Attempt_awaited_on_every_path_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Retry("""
            var fetch = AttemptAsync();
                    var winner = await Task.WhenAny(fetch, Task.Delay(3000, ct)).ConfigureAwait(false);
                    if (winner != fetch)
                    {
                        failures++;
                    }

                    if (await fetch.ConfigureAwait(false) is { } report)
                    {
                        return report;
                    }
            """).Replace("{|#0:failures++|}", "failures++"));

    [Fact]
    public Task Attempt_awaited_at_once_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Retry("""
            if (await AttemptAsync().ConfigureAwait(false) is { } report)
                    {
                        return report;
                    }

                    failures++;
            """).Replace("{|#0:failures++|}", "failures++"));

    private static string Sensor(string raise, string subscriber = "broom.Stroke += OnStroke;") => $$"""
        using System;
        using System.Threading;

        public sealed class BroomSensor
        {
            public event Action<float>? Stroke;

            public void StartReading(Func<float?> read, CancellationToken ct)
            {
                {{raise}}
            }
        }

        public sealed class Simulation
        {
            private float _velocity = 2f;

            public Simulation(BroomSensor broom)
            {
                {{subscriber}}
            }

            public void RunLoop(CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    Step(0.008f);
                    Thread.Sleep(8);
                }
            }

            private void Step(float dt) => {|#2:_velocity = Math.Max(0f, _velocity - 0.1f * dt)|};

            private void OnStroke(float intensity)
            {
                {|#0:_velocity *= 1f + 0.0025f * intensity|};
            }
        }
        """;

    private const string ThreadRaise = """
        {|#1:new Thread(() =>
                {
                    while (!ct.IsCancellationRequested)
                    {
                        if (read() is { } intensity)
                        {
                            Stroke?.Invoke(intensity);
                        }
                    }
                }) { IsBackground = true }|}.Start();
        """;

    [Fact]
    public Task Handler_of_an_event_raised_on_a_thread_the_sensor_starts_changes_the_loop_state()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Sensor(ThreadRaise),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_velocity", "OnStroke", "'OnStroke' handles 'Stroke', raised by the code started at line 10"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(2).WithLocation(1).WithArguments(
                "_velocity", "Step", "'Step' can be called while 'OnStroke' runs on the thread of the code started at line 10"));

    [Fact]
    public Task Handler_of_an_event_raised_by_a_method_the_started_thread_calls()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Sensor("""
                {|#1:ThreadPool.QueueUserWorkItem(_ => Pump(read, ct))|};
                    }

                    private void Pump(Func<float?> read, CancellationToken ct)
                    {
                        while (!ct.IsCancellationRequested && read() is { } intensity)
                        {
                            OnStroke(intensity);
                        }
                    }

                    private void OnStroke(float intensity)
                    {
                        var handler = Stroke;
                        handler?.Invoke(intensity);
                """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_velocity", "OnStroke", "'OnStroke' handles 'Stroke', raised by the code started at line 10"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(2).WithLocation(1).WithArguments(
                "_velocity", "Step", "'Step' can be called while 'OnStroke' runs on the thread of the code started at line 10"));

    [Fact]
    public Task Handler_changes_a_struct_field_the_loop_reads_and_rewrites()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Sensor(ThreadRaise)
                .Replace("private float _velocity = 2f;", "private Stone _stone;")
                .Replace("{|#2:_velocity = Math.Max(0f, _velocity - 0.1f * dt)|}", "{|#2:_stone.Velocity = Math.Max(0f, _stone.Velocity - 0.1f * dt)|}")
                .Replace("{|#0:_velocity *= 1f + 0.0025f * intensity|}", "{|#0:_stone.Velocity *= 1f + 0.0025f * intensity|}")
                + "public struct Stone { public float Velocity; public float Curl; }",
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "Velocity", "OnStroke", "'OnStroke' handles 'Stroke', raised by the code started at line 10"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(2).WithLocation(1).WithArguments(
                "Velocity", "Step", "'Step' can be called while 'OnStroke' runs on the thread of the code started at line 10"));

    [Fact]
    public Task Handler_of_an_event_raised_on_the_callers_thread_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Sensor("""
            while (!ct.IsCancellationRequested && read() is { } intensity)
                    {
                        Stroke?.Invoke(intensity);
                    }
            """).Replace("{|#0:_velocity *= 1f + 0.0025f * intensity|};", "_velocity *= 1f + 0.0025f * intensity;"));

    [Fact]
    public Task Handler_that_only_queues_the_reading_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Sensor(ThreadRaise.Replace("{|#1:", "").Replace("|}.Start", ".Start"))
            .Replace("{|#0:_velocity *= 1f + 0.0025f * intensity|};", "_ = intensity;"));
}
