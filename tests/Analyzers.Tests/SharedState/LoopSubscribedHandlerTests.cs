using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A handler that synchronizes something itself and is subscribed, in a loop, to an event of each of several objects
/// (set q R12: a tracker of signal aspects, each signal raising from its own thread) runs on their threads at once: a
/// collection it changes without a lock is shared. Subscribed once, or not synchronizing anything (the click handler
/// of a row of buttons, all raised on the UI thread), it says nothing of the raisers' threads.
/// </summary>
public class LoopSubscribedHandlerTests
{
    private const string Signal = """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public sealed class Signal
        {
            public event EventHandler<string>? Changed;
            public void Raise(string aspect) => Changed?.Invoke(this, aspect);
        }

        """;

    [Fact]
    public Task Set_changed_without_the_lock_by_a_handler_of_each_signal()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(Signal + """
            public sealed class ProceedTracker
            {
                private readonly HashSet<string> _proceed = new();
                private long _changes;

                public void Watch(IEnumerable<Signal> signals)
                {
                    foreach (var signal in signals)
                    {
                        signal.Changed += OnChanged;
                    }
                }

                public long Changes => Interlocked.Read(ref _changes);

                public bool IsProceed(string id) { lock (_proceed) { return _proceed.Contains(id); } }

                private void OnChanged(object? sender, string aspect)
                {
                    Interlocked.Increment(ref _changes);
                    {|#0:_proceed.Add(aspect)|};
                }
            }
            """,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 19, 31)
                .WithArguments("_proceed", "HashSet<string>", "OnChanged",
                    "'OnChanged' handles 'Changed' of each object it is subscribed to in the loop at line 19, so their threads run it at the same time, and 'ProceedTracker' synchronizes its own state ('Changes' uses Interlocked on '_changes')"));

    /// <summary>
    /// Set am R09: the handler keeps a peak with a check and a store, and nothing else of the type takes a lock or uses
    /// Interlocked on that field, so the type's text shows no inconsistency; the loop subscription alone makes the
    /// handler run beside itself, and the lost peak is reported.
    /// </summary>
    [Fact]
    public Task Peak_kept_by_a_handler_of_each_sensor_without_any_lock_in_sight()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(Signal + """
            public sealed class PeakMonitor
            {
                private int _readings;
                private double _peak;

                public PeakMonitor(IEnumerable<Signal> sensors)
                {
                    foreach (var sensor in sensors)
                        sensor.Changed += OnReading;
                }

                public int Readings => Volatile.Read(ref _readings);

                public double Peak => _peak;

                private void OnReading(object? sender, string value)
                {
                    Interlocked.Increment(ref _readings);
                    var celsius = double.Parse(value);
                    if (celsius > _peak)
                    {
                        {|#0:_peak = celsius|};
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 18, 31)
                .WithArguments("_peak", "OnReading",
                    "'OnReading' handles 'Changed' of each object it is subscribed to in the loop at line 18, so their threads run it at the same time, and 'PeakMonitor' synchronizes its own state ('Readings' uses Volatile on '_readings')"));

    [Fact]
    public Task Handler_that_locks_subscribed_once_or_not_synchronizing_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Signal + """
            public sealed class LockingTracker
            {
                private readonly HashSet<string> _proceed = new();
                private long _changes;

                public void Watch(IEnumerable<Signal> signals)
                {
                    foreach (var signal in signals) signal.Changed += OnChanged;
                }

                private void OnChanged(object? sender, string aspect)
                {
                    Interlocked.Increment(ref _changes);
                    lock (_proceed) { _proceed.Add(aspect); }
                }

                public bool IsProceed(string id) { lock (_proceed) { return _proceed.Contains(id); } }
            }

            public sealed class OneSignalTracker
            {
                private readonly HashSet<string> _proceed = new();
                private long _changes;

                public OneSignalTracker(Signal signal) => signal.Changed += OnChanged;

                private void OnChanged(object? sender, string aspect)
                {
                    Interlocked.Increment(ref _changes);
                    _proceed.Add(aspect);
                }

                public long Changes => Interlocked.Read(ref _changes);
            }

            public sealed class ButtonRow
            {
                private readonly List<string> _clicked = new();
                private readonly object _sync = new();
                private int _total;

                public void Wire(IEnumerable<Signal> buttons)
                {
                    foreach (var button in buttons) button.Changed += OnClick;
                }

                private void OnClick(object? sender, string name) => _clicked.Add(name);

                public int Total { get { lock (_sync) { return _total; } } }

                public void Count() { lock (_sync) { _total++; } }
            }
            """);
}
