using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A static field filled on first use and returned by a second read, while another member sets it back to null: a
/// reset between the fill and the return makes the getter return null (#9, set bb R10, a pitch table reset by the
/// settings page while tuning sessions read it on pool threads).
/// </summary>
public class ResetLazyStaticTests
{
    private static string Pitch(string getter, string reset = "public static void Reset() => {|#0:_current = null|};") => $$"""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        public sealed class PitchTable
        {
            public static PitchTable Load() => new PitchTable();
            public double FrequencyOf(int key) => 440.0 * key;
        }

        public static class ReferencePitch
        {
            private static readonly object Gate = new object();
            private static PitchTable? _current;

            public static PitchTable Current
            {
                get
                {
                    {{getter}}
                }
            }

            {{reset}}
        }

        public sealed class TuningSession
        {
            public Task<double[]> AnalyseAsync(IReadOnlyList<int> keys) => Task.Run(() => keys.Select(k => ReferencePitch.Current.FrequencyOf(k)).ToArray());
        }
        """;

    [Fact]
    public Task Reset_beside_a_fill_then_second_read_is_flagged()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Pitch("""
                if (_current == null)
                {
                    _current = PitchTable.Load();
                }

                return {|#1:_current|};
                """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_current", "Reset",
                "'Current' checks '_current' for null, fills it and reads it again at line 25 to return it, on whichever thread asks, also while this runs, so it can return null; read the field once ('return _current ??= …;') or take one lock in both"));

    [Fact]
    public Task Reset_beside_a_getter_that_reads_the_field_once_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Pitch("return _current ??= PitchTable.Load();").Replace("{|#0:_current = null|}", "_current = null"));

    [Fact]
    public Task Reset_and_fill_under_one_lock_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Pitch(
            """
            lock (Gate)
            {
                if (_current == null)
                {
                    _current = PitchTable.Load();
                }

                return _current;
            }
            """,
            "public static void Reset() { lock (Gate) { _current = null; } }"));

    [Fact]
    public Task Fill_then_return_without_any_reset_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Pitch(
            """
            if (_current == null)
            {
                _current = PitchTable.Load();
            }

            return _current;
            """,
            "public static void Warm() => _current = PitchTable.Load();"));
}
