// btoa/atob exist in browsers, React Native and Node alike, but only the DOM library declares
// them, and this package must not assume a DOM (or Node).
declare function btoa(data: string): string;
declare function atob(data: string): string;
