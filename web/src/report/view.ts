// A view of the report page: started once per route, relabelled when the language changes.
export interface View {
  start(): Promise<void>;
  relabel(): void;
}
