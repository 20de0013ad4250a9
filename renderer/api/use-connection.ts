import { useEffect, useState } from 'react';
import { connectionState, onConnectionChange, type ConnectionState } from './connection';

/** Whether the server answers now; re-renders when that changes. */
export function useConnection(): ConnectionState {
  const [state, setState] = useState(connectionState);
  useEffect(() => {
    setState(connectionState());
    return onConnectionChange(setState);
  }, []);
  return state;
}
