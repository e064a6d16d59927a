using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Stopping or disposing a timer does not wait for a callback already running: a field the callback checks for null
/// and reads again, set to null meanwhile, reads null (#9, set ax R09, a planetarium renderer disposed from the console).
/// </summary>
public class NulledUnderTimerCallbackTests
{
    private const string Renderer = """
        using System;
        using System.Threading;

        public interface IProjector : IDisposable
        {
            void Draw(double hours);
        }

        public sealed class StarFieldRenderer : IDisposable
        {
            private readonly System.Timers.Timer _frames = new System.Timers.Timer(33);
            private IProjector? _projector;

            public StarFieldRenderer(IProjector projector)
            {
                _projector = projector;
                {|#1:_frames.Elapsed += OnFrame|};
                _frames.Start();
            }

            private void OnFrame(object? sender, System.Timers.ElapsedEventArgs e)
            {
                if (_projector != null)
                {
                    _projector.Draw(e.SignalTime.Hour);
                }
            }

        """;

    [Fact]
    public Task Field_dropped_after_stopping_the_timer_is_flagged()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(Renderer + """
                public void Dispose()
                {
                    _frames.Stop();
                    _frames.Dispose();
                    var projector = _projector;
                    {|#0:_projector = null|};
                    projector?.Dispose();
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_projector", "Dispose",
                "'OnFrame', the timer callback wired at line 17, checks '_projector' for null at line 23 and reads it again at line 25 on a pool thread, also while this runs (stopping or disposing a timer does not wait for a callback already running), so it can read null or use what this drops; wait for the callback first, or take one lock in both"));

    [Fact]
    public Task A_callback_that_reads_the_field_once_or_a_disposal_that_waits_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading;

            public interface IProjector : IDisposable
            {
                void Draw(double hours);
            }

            public sealed class OnceRenderer : IDisposable
            {
                private readonly System.Timers.Timer _frames = new System.Timers.Timer(33);
                private IProjector? _projector;

                public OnceRenderer(IProjector projector)
                {
                    _projector = projector;
                    _frames.Elapsed += OnFrame;
                }

                private void OnFrame(object? sender, System.Timers.ElapsedEventArgs e) => _projector?.Draw(e.SignalTime.Hour);

                public void Dispose()
                {
                    _frames.Dispose();
                    _projector = null;
                }
            }

            public sealed class WaitingRenderer : IDisposable
            {
                private readonly Timer _frames;
                private IProjector? _projector;

                public WaitingRenderer(IProjector projector)
                {
                    _projector = projector;
                    _frames = new Timer(OnFrame, null, 0, 33);
                }

                private void OnFrame(object? state)
                {
                    if (_projector != null)
                    {
                        _projector.Draw(DateTime.UtcNow.Hour);
                    }
                }

                public void Dispose()
                {
                    using (var done = new ManualResetEvent(false))
                    {
                        if (_frames.Dispose(done))
                        {
                            done.WaitOne();
                        }
                    }

                    _projector = null;
                }
            }
            """);
}
