using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Stores of constants read nothing, so racing ones lose no update (any order is one the code could have run in), with
/// one exception: the starter's store after the start against another constant that the started work stores. The
/// starter means its store to come first; the work's can come first and be overwritten.
/// </summary>
public class ConstantStoreTests
{
    [Fact]
    public Task State_set_after_starting_work_that_sets_another_state()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading;

            enum State { Idle, Rendering, Ready }

            sealed class Report
            {
                private State _state;

                public State Current => _state;

                public void Start()
                {
                    ThreadPool.QueueUserWorkItem(_ => [|_state = State.Ready|]);
                    [|_state = State.Rendering|];
                }
            }
            """);

    [Fact]
    public Task The_same_constant_or_stores_in_started_work_only_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Flags
            {
                private bool _failed;
                private bool _done;

                public bool Failed => _failed;

                public void Start(int[] items)
                {
                    // Many runs set or clear the flag: whichever runs last is an order the loop could have run in.
                    Parallel.ForEach(items, i => { if (i < 0) _failed = true; else _failed = false; });

                    ThreadPool.QueueUserWorkItem(_ => _done = true);
                    _done = true;
                }
            }
            """);
}
