// MSBuild's BuildManager is one per process and runs one build at a time, so tests that open projects take turns.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
