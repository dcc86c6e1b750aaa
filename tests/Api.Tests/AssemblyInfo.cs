// The tests time decode steps and fill queues; running them one at a time keeps two CPU cores predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
